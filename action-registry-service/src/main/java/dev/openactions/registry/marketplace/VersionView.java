package dev.openactions.registry.marketplace;

import dev.openactions.registry.domain.Dependency;
import java.time.Instant;
import java.util.List;

/**
 * A version with its code, manifest, test cases and the review's evidence (test results, the line coverage
 * of its code over all cases as the engine measured it, and the guideline's checks): what its partner and
 * the reviewers see (never a customer). Test cases show their secrets' names only, as every API here does.
 */
public record VersionView(
        String id,
        String integrationId,
        String integrationName,
        String partnerId,
        String triggerId,
        String version,
        VersionStatus status,
        String code,
        List<Dependency> dependencies,
        Manifest manifest,
        List<TestCase> testCases,
        List<TestResult> testResults,
        ReviewCoverage coverage,
        List<GuidelineCheck> checks,
        List<Review> reviews,
        Instant submittedAt,
        Instant publishedAt,
        Instant createdAt,
        Instant updatedAt) {

    static VersionView of(IntegrationEntity integration, IntegrationVersionEntity v) {
        return new VersionView(
                v.id.toString(),
                integration.id.toString(),
                integration.name,
                integration.partnerId,
                integration.triggerId,
                v.version,
                v.status,
                v.code,
                List.copyOf(v.dependencies),
                v.manifest,
                v.testCases.stream().map(TestCase::redacted).toList(),
                List.copyOf(v.testResults),
                ReviewCoverage.across(v.testResults),
                List.copyOf(v.checks),
                List.copyOf(v.reviews),
                v.submittedAt,
                v.publishedAt,
                v.createdAt,
                v.updatedAt);
    }
}
