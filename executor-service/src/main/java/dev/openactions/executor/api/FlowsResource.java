package dev.openactions.executor.api;

import dev.openactions.contracts.TriggerId;
import dev.openactions.executor.domain.ExecutorException;
import dev.openactions.executor.flow.FlowRunner;
import dev.openactions.executor.flow.commands.TriggerCommands;
import dev.openactions.executor.security.CurrentTenant;
import dev.openactions.executor.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Synchronous flows, called by the auth server during logins, registrations and token exchanges. */
@Path("/api/v1/flows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "flows")
public class FlowsResource {
    private final FlowRunner runner;
    private final CurrentTenant tenant;

    FlowsResource(FlowRunner runner, CurrentTenant tenant) {
        this.runner = runner;
        this.tenant = tenant;
    }

    @RolesAllowed(Scopes.EXECUTE_FLOWS)
    @POST
    @Path("/{triggerId}")
    @Operation(
            summary = "Run a synchronous trigger's flow",
            description =
                    "Runs the bound actions in order and returns the commands they issued and their merged effects.")
    public FlowResponse run(@PathParam("triggerId") String triggerId, @NotNull @Valid RunFlowRequest request) {
        TriggerId trigger = TriggerId.fromId(triggerId)
                .orElseThrow(() -> new ExecutorException.NotFound("unknown trigger '" + triggerId + "'"));
        if (trigger.kind() != TriggerId.Kind.SYNC) {
            throw new ExecutorException.Invalid("trigger '" + triggerId + "' runs from Kafka events, not over HTTP");
        }
        // the event objects a caller must send come from the trigger's descriptor, like its command rules
        for (String field : TriggerCommands.of(trigger).requiredEventFields()) {
            if (!request.event().path(field).isObject()) {
                throw new ExecutorException.Invalid("event." + field + " must be an object for " + triggerId);
            }
        }
        return FlowResponse.from(runner.run(tenant.id(), trigger, request.event(), null));
    }

    @RolesAllowed(Scopes.EXECUTE_FLOWS)
    @POST
    @Path("/post-login/continue")
    @Operation(
            summary = "Resume a suspended post-login flow",
            description =
                    "After a redirect or MFA challenge, send back the continuation token with the event as it is now "
                            + "(request.query / request.body carry what the user returned with).")
    public FlowResponse resume(@NotNull @Valid ContinueFlowRequest request) {
        for (String field : TriggerCommands.of(TriggerId.POST_LOGIN).requiredEventFields()) {
            if (!request.event().path(field).isObject()) {
                throw new ExecutorException.Invalid("event." + field + " must be an object for post-login");
            }
        }
        return FlowResponse.from(
                runner.resume(tenant.id(), TriggerId.POST_LOGIN, request.continuationToken(), request.event()));
    }
}
