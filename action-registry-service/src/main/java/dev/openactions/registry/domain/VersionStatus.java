package dev.openactions.registry.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Build state of a version (and, through its latest version, of an action). */
public enum VersionStatus {
    PENDING,
    BUILDING,
    BUILT,
    FAILED,
    RETRYING;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
