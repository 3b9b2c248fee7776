package dev.openactions.registry.api;

import dev.openactions.registry.security.CurrentTenant;
import dev.openactions.registry.security.Scopes;
import dev.openactions.registry.service.ExecutionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Execution records, as the executor reported them. */
@Path("/api/v2/actions/executions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "executions")
public class ExecutionsResource {
    private final ExecutionService executions;
    private final CurrentTenant tenant;

    ExecutionsResource(ExecutionService executions, CurrentTenant tenant) {
        this.executions = executions;
        this.tenant = tenant;
    }

    @RolesAllowed(Scopes.READ_ACTIONS)
    @GET
    @Path("/{id}")
    @Operation(
            summary = "Get an execution",
            description = "Executions are kept for registry.executions.retention (10 days).")
    @APIResponse(responseCode = "200", description = "The execution")
    @APIResponse(
            responseCode = "404",
            description = "No such execution (or it expired)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ExecutionResponse get(@PathParam("id") String id) {
        return ExecutionResponse.from(executions.get(tenant.id(), id));
    }
}
