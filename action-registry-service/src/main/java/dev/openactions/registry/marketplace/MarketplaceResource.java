package dev.openactions.registry.marketplace;

import dev.openactions.registry.api.Problem;
import dev.openactions.registry.security.CurrentTenant;
import dev.openactions.registry.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The customer side: the catalog (never code) and installs into the caller's tenant. An install's id is
 * an action id: bind, test, deploy, delete and read executions through the actions API.
 */
@Path("/api/v1/marketplace")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "marketplace: catalog and installs")
@APIResponse(
        responseCode = "400",
        description = "A required field is missing, a field is unknown, a value is not an option",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "404",
        description = "No such integration, published version or install",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MarketplaceResource {
    private final CatalogService catalog;
    private final InstallService installs;
    private final CurrentTenant tenant;

    MarketplaceResource(CatalogService catalog, InstallService installs, CurrentTenant tenant) {
        this.catalog = catalog;
        this.installs = installs;
        this.tenant = tenant;
    }

    @RolesAllowed(Scopes.READ_ACTIONS)
    @GET
    @Path("/catalog")
    @Operation(
            summary = "Published integrations",
            description = "Listing data, manifest fields and capabilities per "
                    + "published version; filter by trigger and category.")
    public List<CatalogItem> catalog(
            @QueryParam("trigger_id") String triggerId, @QueryParam("category") String category) {
        tenant.id();
        return catalog.search(triggerId, category);
    }

    @RolesAllowed(Scopes.READ_ACTIONS)
    @GET
    @Path("/catalog/{id}")
    @Operation(summary = "One published integration")
    public CatalogItem catalogItem(@PathParam("id") UUID id) {
        tenant.id();
        return catalog.get(id);
    }

    @RolesAllowed(Scopes.CREATE_ACTIONS)
    @POST
    @Path("/installs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Install a published version",
            description = "Creates and deploys an action of the tenant "
                    + "running the integration with the given secrets (stored encrypted) and configuration.")
    @APIResponse(responseCode = "201", description = "Installed; its id is the action's id")
    public Response install(@NotNull @Valid IntegrationRequests.Install request) {
        return Response.status(Response.Status.CREATED)
                .entity(installs.install(tenant.id(), request))
                .build();
    }

    @RolesAllowed(Scopes.READ_ACTIONS)
    @GET
    @Path("/installs")
    @Operation(summary = "The tenant's installs")
    public List<InstallView> list() {
        return installs.list(tenant.id());
    }

    @RolesAllowed(Scopes.READ_ACTIONS)
    @GET
    @Path("/installs/{id}")
    @Operation(summary = "One install: integration reference, configuration, secret names")
    public InstallView get(@PathParam("id") UUID id) {
        return installs.get(tenant.id(), id);
    }

    @RolesAllowed(Scopes.UPDATE_ACTIONS)
    @PATCH
    @Path("/installs/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change secrets and configuration (never code)",
            description = "Given values replace stored ones, "
                    + "others are kept; an empty value removes an optional value. Configuration applies at once.")
    public InstallView change(@PathParam("id") UUID id, @NotNull @Valid IntegrationRequests.ChangeValues request) {
        return installs.change(tenant.id(), id, request);
    }

    @RolesAllowed(Scopes.CREATE_ACTIONS)
    @POST
    @Path("/installs/{id}/upgrade")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Upgrade to a newer published version",
            description = "Values carry over; new required fields "
                    + "must be given; a new major version needs allow_major: true (409 otherwise).")
    @APIResponse(
            responseCode = "409",
            description = "A major upgrade without allow_major",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public InstallView upgrade(@PathParam("id") UUID id, @NotNull @Valid IntegrationRequests.Upgrade request) {
        return installs.upgrade(tenant.id(), id, request);
    }

    @RolesAllowed(Scopes.CREATE_ACTIONS)
    @POST
    @Path("/installs/{id}/rollback")
    @Operation(summary = "Back to the previously installed version and its configuration")
    @APIResponse(
            responseCode = "409",
            description = "No previous version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public InstallView rollback(@PathParam("id") UUID id) {
        return installs.rollback(tenant.id(), id);
    }
}
