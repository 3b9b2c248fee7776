package dev.openactions.npm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;

/**
 * npm's choice of a version from a package's metadata (npm-pick-manifest, without engines and
 * deprecation preferences): a dist-tag names its version; for a range, the {@code latest} tag wins
 * if it satisfies the range, otherwise the highest satisfying version. Prereleases match only ranges
 * that name a prerelease of the same version, as in npm. Range semantics come from semver4j.
 */
final class VersionPicker {
    private VersionPicker() {}

    /** The chosen version, or empty when none satisfies {@code spec}. */
    static Optional<String> pick(String name, JsonNode metadata, String spec) {
        JsonNode versions = metadata.path("versions");
        JsonNode tags = metadata.path("dist-tags");
        String trimmed = spec == null ? "" : spec.trim();
        if (tags.hasNonNull(trimmed)) {
            String tagged = tags.get(trimmed).asText();
            return versions.has(tagged) ? Optional.of(tagged) : Optional.empty();
        }
        RangesList range = range(name, trimmed);
        String latest = tags.path("latest").asText(null);
        if (latest != null && versions.has(latest) && satisfies(latest, range)) {
            return Optional.of(latest);
        }
        Semver best = null;
        for (Iterator<String> it = versions.fieldNames(); it.hasNext(); ) {
            String candidate = it.next();
            Semver version = Semver.parse(candidate);
            if (version != null && version.satisfies(range) && (best == null || version.isGreaterThan(best))) {
                best = version;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.getVersion());
    }

    /** Whether an installed version satisfies a spec that is a range (a dist-tag is satisfied by its own version only). */
    static boolean satisfies(String name, JsonNode metadata, String version, String spec) {
        String trimmed = spec == null ? "" : spec.trim();
        JsonNode tags = metadata == null ? null : metadata.path("dist-tags");
        if (tags != null && tags.hasNonNull(trimmed)) {
            return tags.get(trimmed).asText().equals(version);
        }
        return satisfies(version, range(name, trimmed));
    }

    /** Whether {@code spec} can only be read as a dist-tag (no range syntax at all). */
    static boolean isTag(String spec) {
        String trimmed = spec == null ? "" : spec.trim();
        return !trimmed.isEmpty()
                && !isAny(trimmed)
                && RangesListFactory.create(trimmed).get().isEmpty();
    }

    private static boolean satisfies(String version, RangesList range) {
        Semver parsed = Semver.parse(version);
        return parsed != null && parsed.satisfies(range);
    }

    private static boolean isAny(String spec) {
        return spec.isEmpty() || spec.equals("*") || spec.equalsIgnoreCase("x");
    }

    private static RangesList range(String name, String spec) {
        // npm reads "", "x" and "X" as "*"; semver4j reads a bare "x" as nothing.
        RangesList range = RangesListFactory.create(isAny(spec) ? "*" : spec);
        if (range.get().isEmpty()) {
            throw DependencyFailure.notFound("'" + name + "@" + spec + "': the registry has no dist-tag '" + spec
                    + "' and it is not a version range");
        }
        return range;
    }
}
