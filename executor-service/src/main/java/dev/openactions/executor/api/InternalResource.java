package dev.openactions.executor.api;

import dev.openactions.contracts.TriggerId;
import dev.openactions.executor.config.ExecutorConfig;
import dev.openactions.executor.domain.ExecutorException;
import dev.openactions.executor.flow.FlowRunner;
import dev.openactions.executor.flow.TestRun;
import dev.openactions.executor.runtime.ActionCode;
import dev.openactions.executor.runtime.ActionSandbox;
import dev.openactions.executor.runtime.BuildReport;
import dev.openactions.executor.runtime.BundlePreloads;
import dev.openactions.executor.runtime.npm.DependencyBundles;
import dev.openactions.executor.runtime.npm.LoadedBundle;
import dev.openactions.executor.security.CurrentTenant;
import dev.openactions.executor.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Called by the registry: build checks of new versions and test runs of drafts. */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal", description = "Registry-facing operations")
public class InternalResource {
    private final ActionSandbox sandbox;
    private final FlowRunner runner;
    private final ExecutorConfig config;

    private final CurrentTenant tenant;

    @Inject
    DependencyBundles bundles;

    @Inject
    BundlePreloads preloads;

    InternalResource(ActionSandbox sandbox, FlowRunner runner, ExecutorConfig config, CurrentTenant tenant) {
        this.sandbox = sandbox;
        this.runner = runner;
        this.config = config;
        this.tenant = tenant;
    }

    @RolesAllowed(Scopes.BUILD_ACTIONS)
    @POST
    @Path("/builds")
    @Operation(summary = "Check that code loads in this engine and exports the trigger's handler")
    public BuildResponse build(@NotNull @Valid BuildRequest request) {
        TriggerId trigger = trigger(request.triggerId());
        LoadedBundle bundle;
        try {
            bundle = bundles.forHash(request.dependencyBundle());
        } catch (DependencyBundles.Unavailable e) {
            return BuildResponse.dependenciesUnavailable(e.getMessage());
        }
        BuildReport report = sandbox.check(
                new ActionCode("build", "build", 0, request.code(), bundle),
                trigger.handler(),
                config.limits().actionTimeout());
        if (report.built()) {
            preloads.preloadSoon(bundle); // the version's first execution should not pay for parsing its packages
        }
        return BuildResponse.from(report);
    }

    @RolesAllowed(Scopes.TEST_ACTIONS)
    @POST
    @Path("/test-runs")
    @Operation(
            summary =
                    "Run an action's draft once against a sample event (with coverage: the lines of its code that ran)")
    public TestRunResponse testRun(@NotNull @Valid TestRunRequest request) {
        // The registry's identity runs test runs for any tenant; a token that names a tenant only for its own
        // (a test run decrypts the action's secrets).
        if (tenant.optional().filter(t -> !t.equals(request.tenantId())).isPresent()) {
            throw new ExecutorException.NotFound("no such action");
        }
        TriggerId trigger = trigger(request.triggerId());
        return TestRunResponse.from(
                runner.test(new TestRun(
                        request.tenantId(),
                        trigger,
                        request.actionId(),
                        request.actionName(),
                        request.code(),
                        request.dependencyBundle(),
                        request.outboundHosts(),
                        request.event(),
                        Boolean.TRUE.equals(request.coverage()),
                        request.configuration())),
                config.limits().actionTimeout());
    }

    private static TriggerId trigger(String id) {
        return TriggerId.fromId(id).orElseThrow(() -> new ExecutorException.Invalid("unknown trigger '" + id + "'"));
    }
}
