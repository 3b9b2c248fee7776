package dev.openactions.registry.marketplace;

import dev.openactions.registry.domain.Dependency;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/** Request bodies of the marketplace API (snake_case on the wire). */
public final class IntegrationRequests {
    private IntegrationRequests() {}

    /** {@code POST /api/v1/partner/integrations}. */
    public record CreateIntegration(
            @NotBlank String triggerId, @NotNull Listing listing) {}

    /** {@code PATCH /api/v1/partner/integrations/{id}}: the listing data (the trigger is fixed). */
    public record UpdateIntegration(@NotNull Listing listing) {}

    /** A new version (or the whole content of a draft version on {@code PUT}). */
    public record VersionContent(
            @NotBlank String version,
            @NotNull String code,
            List<Dependency> dependencies,
            @NotNull Manifest manifest,
            List<TestCase> testCases) {}

    /** A reviewer's decision: {@code approve} or {@code reject}, with a comment for the partner. */
    public record Decision(@NotBlank String decision, String comment) {}

    /** {@code POST /api/v1/marketplace/installs}: no {@code version} installs the newest published one. */
    public record Install(
            @NotBlank String integrationId,
            String version,
            String name,
            Map<String, String> secrets,
            Map<String, String> configuration) {
        @Override
        public String toString() {
            return "Install[integrationId=" + integrationId + ", version=" + version + ", secrets="
                    + (secrets == null ? null : secrets.keySet()) + "]";
        }
    }

    /** {@code PATCH /api/v1/marketplace/installs/{id}}: new secret values (others kept) and configuration values (others kept). */
    public record ChangeValues(Map<String, String> secrets, Map<String, String> configuration) {
        @Override
        public String toString() {
            return "ChangeValues[secrets=" + (secrets == null ? null : secrets.keySet()) + "]";
        }
    }

    /** {@code POST /api/v1/marketplace/installs/{id}/upgrade}: values for fields the new version adds. */
    public record Upgrade(
            @NotBlank String version,
            Boolean allowMajor,
            Map<String, String> secrets,
            Map<String, String> configuration) {
        @Override
        public String toString() {
            return "Upgrade[version=" + version + ", secrets=" + (secrets == null ? null : secrets.keySet()) + "]";
        }
    }
}
