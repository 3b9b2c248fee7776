package dev.openactions.registry.marketplace;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A version's life: editable while {@code DRAFT}; immutable from submission on. Submission runs the
 * test cases: all pass → {@code IN_REVIEW}, else {@code TESTS_FAILED}. A reviewer approves or rejects;
 * the partner publishes an approved version; a published one can be withdrawn.
 */
public enum VersionStatus {
    DRAFT,
    TESTS_FAILED,
    IN_REVIEW,
    APPROVED,
    REJECTED,
    PUBLISHED,
    WITHDRAWN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
