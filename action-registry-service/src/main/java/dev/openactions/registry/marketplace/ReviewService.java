package dev.openactions.registry.marketplace;

import dev.openactions.registry.domain.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The platform operators' side: the review queue, the evidence, and the decision. */
@ApplicationScoped
public class ReviewService {
    private static final Logger LOG = Logger.getLogger(ReviewService.class);

    private final IntegrationRepository integrations;
    private final IntegrationVersionRepository versions;

    ReviewService(IntegrationRepository integrations, IntegrationVersionRepository versions) {
        this.integrations = integrations;
        this.versions = versions;
    }

    /** Versions waiting for a decision (in review), oldest submission first. */
    @Transactional
    public List<VersionView> queue() {
        return versions.withStatus(VersionStatus.IN_REVIEW).stream()
                .map(v -> VersionView.of(integrations.findById(v.integrationId), v))
                .toList();
    }

    @Transactional
    public VersionView version(UUID integrationId, String semver) {
        IntegrationEntity integration = integrations
                .findByIdOptional(integrationId)
                .orElseThrow(() -> new RegistryException.NotFound("integration", integrationId.toString()));
        return VersionView.of(
                integration,
                versions.findVersion(integrationId, semver)
                        .orElseThrow(() -> new RegistryException.NotFound("version", semver)));
    }

    @Transactional
    public VersionView decide(
            UUID integrationId, String semver, IntegrationRequests.Decision decision, String reviewer) {
        IntegrationEntity integration = integrations
                .findByIdOptional(integrationId)
                .orElseThrow(() -> new RegistryException.NotFound("integration", integrationId.toString()));
        IntegrationVersionEntity version = versions.lock(integrationId, semver)
                .orElseThrow(() -> new RegistryException.NotFound("version", semver));
        String verdict = decision.decision().toLowerCase(Locale.ROOT);
        if (!verdict.equals("approve") && !verdict.equals("reject")) {
            throw new RegistryException.Invalid("decision must be 'approve' or 'reject'");
        }
        if (version.status != VersionStatus.IN_REVIEW) {
            throw new RegistryException.Conflict(
                    "version " + semver + " is " + version.status.wire() + ", not in review");
        }
        if (verdict.equals("reject")
                && (decision.comment() == null || decision.comment().isBlank())) {
            throw new RegistryException.Invalid("a rejection needs a comment telling the partner why");
        }
        Instant now = Instant.now();
        version.reviews = new ArrayList<>(version.reviews);
        version.reviews.add(
                new Review(verdict.equals("approve") ? "approved" : "rejected", decision.comment(), reviewer, now));
        version.status = verdict.equals("approve") ? VersionStatus.APPROVED : VersionStatus.REJECTED;
        version.updatedAt = now;
        LOG.infof("Reviewer %s %s integration %s version %s", reviewer, version.status.wire(), integrationId, semver);
        return VersionView.of(integration, version);
    }
}
