package dev.openactions.registry.api;

import dev.openactions.registry.security.CurrentTenant;
import dev.openactions.registry.service.ActionService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Actions and their versions: Auth0 Management API v2 paths and shapes. */
@Path("/api/v2/actions/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "actions")
public class ActionsResource {
    private final ActionService actions;
    private final CurrentTenant tenant;

    ActionsResource(ActionService actions, CurrentTenant tenant) {
        this.actions = actions;
        this.tenant = tenant;
    }

    @GET
    @Operation(summary = "List actions")
    public ActionsPage list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("per_page") @DefaultValue("20") @Min(1) @Max(100) int perPage) {
        return actions.list(tenant.id(), page, perPage);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an action", description = "Secret values are stored encrypted by secrets-service and never returned.")
    public Response create(@NotNull @Valid CreateActionRequest request) {
        ActionResponse created = actions.create(tenant.id(), request.toDraft(), Boolean.TRUE.equals(request.deploy()));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an action")
    public ActionResponse get(@PathParam("id") UUID id) {
        return actions.get(tenant.id(), id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an action", description = "409 while bound, unless force=true, which detaches it from every flow.")
    public Response delete(@PathParam("id") UUID id, @QueryParam("force") @DefaultValue("false") boolean force) {
        actions.delete(tenant.id(), id, force);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/deploy")
    @Operation(summary = "Deploy the draft as a new immutable version")
    public Response deploy(@PathParam("id") UUID id) {
        return Response.accepted(actions.deploy(tenant.id(), id)).build();
    }

    @GET
    @Path("/{actionId}/versions")
    @Operation(summary = "List an action's versions, newest first")
    public VersionsPage versions(@PathParam("actionId") UUID actionId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("per_page") @DefaultValue("20") @Min(1) @Max(100) int perPage) {
        return actions.versions(tenant.id(), actionId, page, perPage);
    }

    @GET
    @Path("/{actionId}/versions/{id}")
    @Operation(summary = "Get one version")
    public VersionResponse version(@PathParam("actionId") UUID actionId, @PathParam("id") UUID id) {
        return actions.version(tenant.id(), actionId, id);
    }
}
