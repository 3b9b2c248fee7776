package dev.openactions.registry.marketplace;

import dev.openactions.contracts.TriggerId;
import dev.openactions.registry.domain.ActionEntity;
import dev.openactions.registry.domain.RegistryException;
import dev.openactions.registry.domain.SecretRef;
import dev.openactions.registry.domain.SupportedTrigger;
import dev.openactions.registry.repository.ActionRepository;
import dev.openactions.registry.service.ActionDraft;
import dev.openactions.registry.service.ActionService;
import dev.openactions.registry.service.ActionView;
import dev.openactions.registry.service.FlowPublisher;
import dev.openactions.registry.service.VersionService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.semver4j.Semver;

/**
 * Installs integration versions into a tenant, changes their values, upgrades and rolls them back.
 * An install is an ordinary action of the tenant (created, deployed and built by the action services,
 * so binding, testing and executions work unchanged); the install row records its origin and
 * configuration. Secrets go to secrets-service through the action, as any action's secrets.
 */
@ApplicationScoped
public class InstallService {
    private static final Logger LOG = Logger.getLogger(InstallService.class);

    private final IntegrationRepository integrations;
    private final IntegrationVersionRepository versions;
    private final InstallRepository installs;
    private final ActionRepository actions;
    private final ActionService actionService;
    private final VersionService versionService;
    private final FlowPublisher flows;

    InstallService(
            IntegrationRepository integrations,
            IntegrationVersionRepository versions,
            InstallRepository installs,
            ActionRepository actions,
            ActionService actionService,
            VersionService versionService,
            FlowPublisher flows) {
        this.integrations = integrations;
        this.versions = versions;
        this.installs = installs;
        this.actions = actions;
        this.actionService = actionService;
        this.versionService = versionService;
        this.flows = flows;
    }

    private record Target(IntegrationEntity integration, IntegrationVersionEntity version) {}

    public InstallView install(String tenantId, IntegrationRequests.Install request) {
        UUID integrationId = uuid(request.integrationId());
        Target target = QuarkusTransaction.requiringNew().call(() -> {
            IntegrationEntity integration = integrations
                    .findByIdOptional(integrationId)
                    .filter(i -> i.listed)
                    .orElseThrow(() -> new RegistryException.NotFound("integration", request.integrationId()));
            IntegrationVersionEntity version = request.version() == null
                    ? CatalogService.newestFirst(versions.published(integrationId)).stream()
                            .findFirst()
                            .orElseThrow(() -> new RegistryException.NotFound("integration", request.integrationId()))
                    : versions.findVersion(integrationId, request.version())
                            .filter(v -> v.status == VersionStatus.PUBLISHED)
                            .orElseThrow(() -> new RegistryException.NotFound("published version", request.version()));
            return new Target(integration, version);
        });
        Manifest manifest = target.version().manifest;
        Map<String, String> configuration = InstallValues.configuration(manifest, request.configuration());
        InstallValues.secrets(manifest, request.secrets(), Set.of());
        List<ActionDraft.SecretValue> secrets = request.secrets() == null
                ? List.of()
                : request.secrets().entrySet().stream()
                        .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                        .map(e -> new ActionDraft.SecretValue(e.getKey(), e.getValue()))
                        .toList();
        String name = request.name() == null || request.name().isBlank() ? target.integration().name : request.name();
        String triggerVersion =
                TriggerId.fromId(target.integration().triggerId).orElseThrow().version();
        ActionDraft draft = new ActionDraft(
                name,
                List.of(new SupportedTrigger(target.integration().triggerId, triggerVersion)),
                target.version().code,
                null,
                target.version().dependencies,
                secrets,
                debug(configuration));
        ActionView action = actionService.create(tenantId, draft, false);
        UUID actionId = UUID.fromString(action.id());
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Instant now = Instant.now();
                InstallEntity install = new InstallEntity();
                install.actionId = actionId;
                install.tenantId = tenantId;
                install.integrationId = target.integration().id;
                install.versionId = target.version().id;
                install.configuration = new LinkedHashMap<>(configuration);
                install.createdAt = now;
                install.updatedAt = now;
                installs.persist(install);
                installs.flush();
                versionService.deploy(tenantId, actionId);
            });
        } catch (RuntimeException e) {
            actionService.delete(tenantId, actionId, true);
            throw e;
        }
        LOG.infof(
                "Tenant %s installed integration %s version %s as action %s",
                tenantId, integrationId, target.version().version, actionId);
        return get(tenantId, actionId);
    }

    @Transactional
    public InstallView get(String tenantId, UUID actionId) {
        return view(find(tenantId, actionId));
    }

    @Transactional
    public List<InstallView> list(String tenantId) {
        return installs.listForTenant(tenantId).stream().map(this::view).toList();
    }

    /**
     * New secret values (others kept; an empty value removes an optional one) and configuration values
     * (others kept; an empty value returns to the default). The code cannot be changed. Configuration
     * applies at once: the bound flows are republished with the new values.
     */
    public InstallView change(String tenantId, UUID actionId, IntegrationRequests.ChangeValues request) {
        record Current(InstallEntity install, Manifest manifest, Set<String> storedSecrets) {}
        Current current = QuarkusTransaction.requiringNew().call(() -> {
            InstallEntity install = find(tenantId, actionId);
            ActionEntity action = actions.findForTenant(tenantId, actionId).orElseThrow();
            return new Current(
                    install,
                    versions.findById(install.versionId).manifest,
                    action.content.secrets().stream().map(SecretRef::name).collect(Collectors.toSet()));
        });
        Map<String, String> merged = new LinkedHashMap<>(current.install().configuration);
        if (request.configuration() != null) {
            request.configuration().forEach((k, v) -> {
                if (v == null || v.isEmpty()) {
                    merged.remove(k);
                } else {
                    merged.put(k, v);
                }
            });
            unknownCheck(current.manifest(), request.configuration());
        }
        Map<String, String> configuration = InstallValues.configuration(current.manifest(), merged);
        if (request.secrets() != null) {
            InstallValues.secrets(current.manifest(), request.secrets(), current.storedSecrets());
            actionService.update(
                    tenantId,
                    actionId,
                    secretsDraft(current.storedSecrets(), request.secrets(), null, debug(configuration)));
        } else {
            actionService.update(
                    tenantId, actionId, new ActionDraft(null, null, null, null, null, null, debug(configuration)));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            InstallEntity install = installs.lockForTenant(tenantId, actionId).orElseThrow();
            if (!install.configuration.equals(configuration)) {
                install.configuration = new LinkedHashMap<>(configuration);
                install.updatedAt = Instant.now();
                installs.flush();
                flows.publishBoundFlows(tenantId, actionId);
            }
        });
        return get(tenantId, actionId);
    }

    /**
     * Moves an install to a newer published version: values carry over, fields the new version adds
     * and requires must be supplied, a new major version needs {@code allow_major}. The new code is
     * deployed (built in the background like any deploy); the previous version is remembered for
     * {@link #rollback}.
     */
    public InstallView upgrade(String tenantId, UUID actionId, IntegrationRequests.Upgrade request) {
        record Plan(
                InstallEntity install,
                IntegrationVersionEntity from,
                IntegrationVersionEntity to,
                Set<String> stored) {}
        Plan plan = QuarkusTransaction.requiringNew().call(() -> {
            InstallEntity install = find(tenantId, actionId);
            IntegrationVersionEntity from = versions.findById(install.versionId);
            IntegrationVersionEntity to = versions.findVersion(install.integrationId, request.version())
                    .filter(v -> v.status == VersionStatus.PUBLISHED)
                    .orElseThrow(() -> new RegistryException.NotFound("published version", request.version()));
            ActionEntity action = actions.findForTenant(tenantId, actionId).orElseThrow();
            return new Plan(
                    install,
                    from,
                    to,
                    action.content.secrets().stream().map(SecretRef::name).collect(Collectors.toSet()));
        });
        Semver from = SemverRules.parse(plan.from().version);
        Semver to = SemverRules.parse(plan.to().version);
        if (!to.isGreaterThan(from)) {
            throw new RegistryException.Invalid("version " + to + " is not newer than the installed " + from
                    + "; use rollback to return to the previous version");
        }
        if (to.getMajor() != from.getMajor() && !Boolean.TRUE.equals(request.allowMajor())) {
            throw new RegistryException.Conflict("upgrading from " + from + " to " + to
                    + " changes the major version; confirm with allow_major: true");
        }
        Manifest manifest = plan.to().manifest;
        unknownCheck(manifest, request.configuration() == null ? Map.of() : request.configuration());
        Set<String> declared =
                manifest.configuration().stream().map(Manifest.Field::name).collect(Collectors.toSet());
        Map<String, String> merged = new LinkedHashMap<>();
        plan.install().configuration.forEach((k, v) -> {
            if (declared.contains(k)) {
                merged.put(k, v);
            }
        });
        if (request.configuration() != null) {
            merged.putAll(request.configuration());
        }
        Map<String, String> configuration = InstallValues.configuration(manifest, merged);
        InstallValues.secrets(manifest, request.secrets(), plan.stored());
        switchVersion(
                tenantId,
                actionId,
                plan.to(),
                configuration,
                plan.stored(),
                request.secrets(),
                plan.from().id,
                plan.install().configuration);
        LOG.infof("Tenant %s upgraded install %s from %s to %s", tenantId, actionId, from, to);
        return get(tenantId, actionId);
    }

    /** Back to the previously installed version and its configuration (one step; calling it again goes forward). */
    public InstallView rollback(String tenantId, UUID actionId) {
        record Plan(InstallEntity install, IntegrationVersionEntity previous, Set<String> stored) {}
        Plan plan = QuarkusTransaction.requiringNew().call(() -> {
            InstallEntity install = find(tenantId, actionId);
            if (install.previousVersionId == null) {
                throw new RegistryException.Conflict("this install has no previous version to roll back to");
            }
            ActionEntity action = actions.findForTenant(tenantId, actionId).orElseThrow();
            return new Plan(
                    install,
                    versions.findById(install.previousVersionId),
                    action.content.secrets().stream().map(SecretRef::name).collect(Collectors.toSet()));
        });
        Map<String, String> configuration =
                plan.install().previousConfiguration == null ? Map.of() : plan.install().previousConfiguration;
        InstallValues.secrets(plan.previous().manifest, Map.of(), plan.stored());
        switchVersion(
                tenantId,
                actionId,
                plan.previous(),
                configuration,
                plan.stored(),
                Map.of(),
                plan.install().versionId,
                plan.install().configuration);
        LOG.infof("Tenant %s rolled install %s back to %s", tenantId, actionId, plan.previous().version);
        return get(tenantId, actionId);
    }

    private void switchVersion(
            String tenantId,
            UUID actionId,
            IntegrationVersionEntity to,
            Map<String, String> configuration,
            Set<String> stored,
            Map<String, String> newSecrets,
            UUID fromVersionId,
            Map<String, String> fromConfiguration) {
        // Secret values of fields the new version dropped are kept, so that a rollback finds them again.
        actionService.update(
                tenantId,
                actionId,
                secretsDraft(stored, newSecrets == null ? Map.of() : newSecrets, to, debug(configuration)));
        QuarkusTransaction.requiringNew().run(() -> {
            InstallEntity install = installs.lockForTenant(tenantId, actionId).orElseThrow();
            install.previousVersionId = fromVersionId;
            install.previousConfiguration = new LinkedHashMap<>(fromConfiguration);
            install.versionId = to.id;
            install.configuration = new LinkedHashMap<>(configuration);
            install.updatedAt = Instant.now();
            installs.flush();
            // the new configuration reaches the flows with the new code, when its build completes
            versionService.deploy(tenantId, actionId);
        });
    }

    private static ActionDraft secretsDraft(
            Set<String> stored, Map<String, String> given, IntegrationVersionEntity code, boolean debug) {
        Set<String> names = new LinkedHashSet<>(new TreeSet<>(stored));
        List<ActionDraft.SecretValue> secrets = new ArrayList<>();
        given.forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
                names.remove(name);
            } else {
                secrets.add(new ActionDraft.SecretValue(name, value));
                names.remove(name);
            }
        });
        names.forEach(name -> secrets.add(new ActionDraft.SecretValue(name, null)));
        return code == null
                ? new ActionDraft(null, null, null, null, null, secrets, debug)
                : new ActionDraft(null, null, code.code, null, code.dependencies, secrets, debug);
    }

    private static void unknownCheck(Manifest manifest, Map<String, String> given) {
        Set<String> known =
                manifest.configuration().stream().map(Manifest.Field::name).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new RegistryException.Invalid("unknown configuration field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + ": the integration version does not declare "
                    + (unknown.size() > 1 ? "them" : "it"));
        }
    }

    private static boolean debug(Map<String, String> configuration) {
        return "true".equalsIgnoreCase(configuration.get(Manifest.DEBUG));
    }

    private InstallView view(InstallEntity install) {
        IntegrationEntity integration = integrations.findById(install.integrationId);
        IntegrationVersionEntity version = versions.findById(install.versionId);
        ActionEntity action =
                actions.findForTenant(install.tenantId, install.actionId).orElseThrow();
        String previous =
                install.previousVersionId == null ? null : versions.findById(install.previousVersionId).version;
        return new InstallView(
                install.actionId.toString(),
                action.name,
                InstalledActions.ref(integration, version),
                Map.copyOf(install.configuration),
                action.content.secrets().stream().map(SecretRef::name).sorted().toList(),
                previous,
                install.createdAt,
                install.updatedAt);
    }

    private InstallEntity find(String tenantId, UUID actionId) {
        return installs.findForTenant(tenantId, actionId)
                .orElseThrow(() -> new RegistryException.NotFound("install", actionId.toString()));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new RegistryException.NotFound("integration", id);
        }
    }
}
