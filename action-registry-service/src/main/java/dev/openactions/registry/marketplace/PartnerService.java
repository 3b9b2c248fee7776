package dev.openactions.registry.marketplace;

import dev.openactions.contracts.TriggerId;
import dev.openactions.npm.DependencyFailure;
import dev.openactions.registry.config.RegistryConfig;
import dev.openactions.registry.dependencies.DependencyPinning;
import dev.openactions.registry.domain.Dependency;
import dev.openactions.registry.domain.RegistryException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A partner's side of the marketplace: its integrations, their versions, submission (which runs the
 * test cases), publishing, unlisting and withdrawal. Every call takes the partner id from the token;
 * another partner's integration is not found.
 */
@ApplicationScoped
public class PartnerService {
    private static final Logger LOG = Logger.getLogger(PartnerService.class);

    private final IntegrationRepository integrations;
    private final IntegrationVersionRepository versions;
    private final ManifestRules rules;
    private final ReviewRunner runner;
    private final RegistryConfig registry;
    private final DependencyPinning dependencies;

    PartnerService(
            IntegrationRepository integrations,
            IntegrationVersionRepository versions,
            ManifestRules rules,
            ReviewRunner runner,
            RegistryConfig registry,
            DependencyPinning dependencies) {
        this.integrations = integrations;
        this.versions = versions;
        this.rules = rules;
        this.runner = runner;
        this.registry = registry;
        this.dependencies = dependencies;
    }

    @Transactional
    public IntegrationView create(String partnerId, IntegrationRequests.CreateIntegration request) {
        if (TriggerId.fromId(request.triggerId()).isEmpty()) {
            throw new RegistryException.Invalid("unknown trigger '" + request.triggerId() + "'");
        }
        rules.checkListing(request.listing());
        if (integrations.nameTaken(partnerId, request.listing().name())) {
            throw new RegistryException.Conflict(
                    "an integration named '" + request.listing().name() + "' already exists");
        }
        Instant now = Instant.now();
        IntegrationEntity integration = new IntegrationEntity();
        integration.id = UUID.randomUUID();
        integration.partnerId = partnerId;
        integration.name = request.listing().name();
        integration.triggerId = request.triggerId();
        integration.listing = request.listing();
        integration.listed = true;
        integration.createdAt = now;
        integration.updatedAt = now;
        integrations.persist(integration);
        LOG.infof("Partner %s created integration %s", partnerId, integration.id);
        return IntegrationView.of(integration, List.of());
    }

    @Transactional
    public List<IntegrationView> list(String partnerId) {
        return integrations.listForPartner(partnerId).stream()
                .map(i -> IntegrationView.of(i, versions.forIntegration(i.id)))
                .toList();
    }

    @Transactional
    public IntegrationView get(String partnerId, UUID id) {
        IntegrationEntity integration = find(partnerId, id);
        return IntegrationView.of(integration, versions.forIntegration(id));
    }

    @Transactional
    public IntegrationView updateListing(String partnerId, UUID id, Listing listing) {
        IntegrationEntity integration = find(partnerId, id);
        rules.checkListing(listing);
        if (!listing.name().equals(integration.name) && integrations.nameTaken(partnerId, listing.name())) {
            throw new RegistryException.Conflict("an integration named '" + listing.name() + "' already exists");
        }
        integration.name = listing.name();
        integration.listing = listing;
        integration.updatedAt = Instant.now();
        return IntegrationView.of(integration, versions.forIntegration(id));
    }

    /** Unlisted: out of the catalog and not installable; existing installs keep running. */
    @Transactional
    public IntegrationView setListed(String partnerId, UUID id, boolean listed) {
        IntegrationEntity integration = find(partnerId, id);
        integration.listed = listed;
        integration.updatedAt = Instant.now();
        LOG.infof("Partner %s %s integration %s", partnerId, listed ? "listed" : "unlisted", id);
        return IntegrationView.of(integration, versions.forIntegration(id));
    }

    @Transactional
    public VersionView createVersion(String partnerId, UUID id, IntegrationRequests.VersionContent content) {
        IntegrationEntity integration = find(partnerId, id);
        SemverRules.parse(content.version());
        if (versions.findVersion(id, content.version()).isPresent()) {
            throw new RegistryException.Conflict("version " + content.version()
                    + " exists; versions are immutable once submitted, " + "a draft is changed with PUT");
        }
        Instant now = Instant.now();
        IntegrationVersionEntity version = new IntegrationVersionEntity();
        version.id = UUID.randomUUID();
        version.integrationId = id;
        version.partnerId = partnerId;
        version.version = content.version();
        version.status = VersionStatus.DRAFT;
        version.createdAt = now;
        apply(version, content, now);
        versions.persist(version);
        return VersionView.of(integration, version);
    }

    /** Replaces a draft version's content; a submitted version is immutable (409). */
    @Transactional
    public VersionView replaceVersion(
            String partnerId, UUID id, String semver, IntegrationRequests.VersionContent content) {
        IntegrationEntity integration = find(partnerId, id);
        IntegrationVersionEntity version = versions.lock(id, semver).orElseThrow(() -> notFound(semver));
        if (version.status != VersionStatus.DRAFT) {
            throw new RegistryException.Conflict(
                    "version " + semver + " was submitted and is immutable; create a new version");
        }
        if (!semver.equals(content.version())) {
            throw new RegistryException.Invalid("the body's version must be " + semver);
        }
        apply(version, content, Instant.now());
        return VersionView.of(integration, version);
    }

    private void apply(IntegrationVersionEntity version, IntegrationRequests.VersionContent content, Instant now) {
        if (content.code().getBytes(StandardCharsets.UTF_8).length
                > registry.limits().maxCodeBytes()) {
            throw new RegistryException.TooLarge(
                    "code is larger than " + registry.limits().maxCodeBytes() + " bytes");
        }
        var dependencies = content.dependencies() == null ? List.<Dependency>of() : content.dependencies();
        if (dependencies.size() > registry.limits().maxDependencies()) {
            throw new RegistryException.LimitExceeded(
                    "at most " + registry.limits().maxDependencies() + " dependencies");
        }
        rules.checkManifest(content.manifest());
        List<TestCase> cases = content.testCases() == null ? List.of() : content.testCases();
        rules.checkTestCases(cases);
        version.code = content.code();
        // as the partner asked (ranges, dist-tags); submission pins them (see submit)
        version.dependencies = new ArrayList<>(dependencies);
        version.manifest = content.manifest();
        version.testCases = new ArrayList<>(cases);
        version.updatedAt = now;
    }

    @Transactional
    public VersionView version(String partnerId, UUID id, String semver) {
        IntegrationEntity integration = find(partnerId, id);
        return VersionView.of(integration, versions.findVersion(id, semver).orElseThrow(() -> notFound(semver)));
    }

    /**
     * Submits a draft: from now on it is immutable. Its npm dependencies are resolved and pinned exactly
     * as an action's build does (the tree stored content-addressed, migration V4), so the test cases,
     * the reviewers and every install run the same tree. Its test cases run in the executor; all passing
     * puts it in review, any failing records it as {@code tests_failed} (the evidence is kept either
     * way). If the executor or the npm registry cannot be reached the version stays a draft (503); a
     * dependency that cannot be had is a 400 naming it, and the version stays a draft to be fixed.
     */
    public VersionView submit(String partnerId, UUID id, String semver) {
        record Work(IntegrationEntity integration, IntegrationVersionEntity version) {}
        Work work = QuarkusTransaction.requiringNew().call(() -> {
            IntegrationEntity integration = find(partnerId, id);
            IntegrationVersionEntity version = versions.findVersion(id, semver).orElseThrow(() -> notFound(semver));
            if (version.status != VersionStatus.DRAFT) {
                throw new RegistryException.Conflict(
                        "version " + semver + " is " + version.status.wire() + ", not a draft");
            }
            if (version.testCases.isEmpty()) {
                throw new RegistryException.Invalid(
                        "a version needs at least one success-path test case to be submitted");
            }
            return new Work(integration, version);
        });
        DependencyPinning.Pinned pinned = pin(work.version().dependencies);
        ReviewRunner.Evidence evidence = runner.run(new ReviewRunner.Submission(
                partnerId,
                work.integration().triggerId,
                work.version().id,
                work.integration().name,
                work.version().code,
                pinned.bundleHash(),
                work.version().manifest,
                work.version().testCases));
        List<TestResult> results = evidence.results();
        return QuarkusTransaction.requiringNew().call(() -> {
            IntegrationVersionEntity version = versions.lock(id, semver).orElseThrow(() -> notFound(semver));
            if (version.status != VersionStatus.DRAFT || !version.updatedAt.equals(work.version().updatedAt)) {
                throw new RegistryException.Conflict(
                        "version " + semver + " changed while its tests ran; submit again");
            }
            boolean passed = results.stream().allMatch(TestResult::passed);
            version.testResults = new ArrayList<>(results);
            version.checks = new ArrayList<>(evidence.checks());
            if (pinned.bundleHash() != null) {
                version.dependencies = new ArrayList<>(pinned.dependencies());
                version.dependencyBundle = pinned.bundleHash();
            }
            version.status = passed ? VersionStatus.IN_REVIEW : VersionStatus.TESTS_FAILED;
            version.submittedAt = Instant.now();
            version.updatedAt = version.submittedAt;
            LOG.infof(
                    "Partner %s submitted integration %s version %s: %s", partnerId, id, semver, version.status.wire());
            return VersionView.of(work.integration(), version);
        });
    }

    /** An approved version goes into the catalog. */
    @Transactional
    public VersionView publish(String partnerId, UUID id, String semver) {
        IntegrationEntity integration = find(partnerId, id);
        IntegrationVersionEntity version = versions.lock(id, semver).orElseThrow(() -> notFound(semver));
        if (version.status != VersionStatus.APPROVED) {
            throw new RegistryException.Conflict("version " + semver + " is " + version.status.wire()
                    + "; only an approved version can be published");
        }
        version.status = VersionStatus.PUBLISHED;
        version.publishedAt = Instant.now();
        version.updatedAt = version.publishedAt;
        LOG.infof("Partner %s published integration %s version %s", partnerId, id, semver);
        return VersionView.of(integration, version);
    }

    /**
     * A withdrawn version leaves the catalog and cannot be installed or upgraded to; installs of it keep
     * running and are told (their {@code version_withdrawn} flag) so their owners move on.
     */
    @Transactional
    public VersionView withdraw(String partnerId, UUID id, String semver) {
        IntegrationEntity integration = find(partnerId, id);
        IntegrationVersionEntity version = versions.lock(id, semver).orElseThrow(() -> notFound(semver));
        if (version.status != VersionStatus.PUBLISHED) {
            throw new RegistryException.Conflict("version " + semver + " is " + version.status.wire()
                    + "; only a published version can be withdrawn");
        }
        version.status = VersionStatus.WITHDRAWN;
        version.updatedAt = Instant.now();
        LOG.infof("Partner %s withdrew integration %s version %s", partnerId, id, semver);
        return VersionView.of(integration, version);
    }

    private DependencyPinning.Pinned pin(List<Dependency> wanted) {
        try {
            return dependencies.pin(wanted);
        } catch (DependencyFailure failure) {
            if (failure.retryable()) {
                throw new RegistryException.DependencyUnavailable(failure.getMessage() + "; try again shortly");
            }
            throw new RegistryException.Invalid(failure.getMessage());
        }
    }

    private IntegrationEntity find(String partnerId, UUID id) {
        return integrations
                .findForPartner(partnerId, id)
                .orElseThrow(() -> new RegistryException.NotFound("integration", id.toString()));
    }

    private static RegistryException notFound(String semver) {
        return new RegistryException.NotFound("version", semver);
    }
}
