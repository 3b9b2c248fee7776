package dev.openactions.registry.marketplace;

import dev.openactions.registry.domain.RegistryException;
import org.semver4j.Semver;

/** Integration versions are strict semver 2.0 (semver4j parses and orders them). */
final class SemverRules {
    private SemverRules() {}

    static Semver parse(String version) {
        Semver parsed = version == null ? null : Semver.parse(version);
        if (parsed == null || !parsed.getVersion().equals(version)) {
            throw new RegistryException.Invalid(
                    "version '" + version + "' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)");
        }
        return parsed;
    }
}
