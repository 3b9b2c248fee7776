package dev.openactions.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.registry.security.CurrentTenant;
import dev.openactions.registry.security.Scopes;
import dev.openactions.registry.service.VersionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An action's immutable versions, and rolling back to one of them. */
@Path("/api/v2/actions/actions/{actionId}/versions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "actions")
@APIResponse(
        responseCode = "404",
        description = "No such action or version",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ActionVersionsResource {
    private final VersionService versions;
    private final CurrentTenant tenant;
    private final ObjectMapper json;

    ActionVersionsResource(VersionService versions, CurrentTenant tenant, ObjectMapper json) {
        this.versions = versions;
        this.tenant = tenant;
        this.json = json;
    }

    @RolesAllowed(Scopes.READ_ACTIONS)
    @GET
    @Operation(
            summary = "List an action's versions, newest first",
            description = "At most registry.limits.max-versions-per-action "
                    + "(50) are kept; older undeployed versions are pruned.")
    @APIResponse(responseCode = "200", description = "A page of versions")
    @APIResponse(
            responseCode = "400",
            description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VersionsPage list(
            @PathParam("actionId") UUID actionId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("per_page") @DefaultValue("20") @Min(1) @Max(100) int perPage) {
        return VersionsPage.from(versions.versions(tenant.id(), actionId, page, perPage));
    }

    @RolesAllowed(Scopes.READ_ACTIONS)
    @GET
    @Path("/{id}")
    @Operation(
            summary = "Get one version",
            description = "status is pending, building, built, failed or retrying; errors "
                    + "lists build errors as {id, msg, url}, with line and column in msg for syntax errors.")
    @APIResponse(responseCode = "200", description = "The version")
    public VersionResponse get(@PathParam("actionId") UUID actionId, @PathParam("id") UUID id) {
        return VersionResponse.from(versions.version(tenant.id(), actionId, id));
    }

    @RolesAllowed(Scopes.CREATE_ACTIONS)
    @POST
    @Path("/{id}/deploy")
    // The body is optional and some clients send this POST without one (or with a form content type), so
    // it is read as text and parsed here rather than bound by content type.
    @Operation(
            summary = "Roll back to a version",
            description =
                    "Creates a new version identical to this one and deploys "
                            + "it at once (the source was built, so the copy is not built again); flows it is bound in run it from the next "
                            + "execution. With update_draft=true the draft takes that version's code, runtime, dependencies and triggers.")
    @APIResponse(
            responseCode = "202",
            description = "The new, deployed version",
            content = @Content(schema = @Schema(implementation = VersionResponse.class)))
    @APIResponse(
            responseCode = "409",
            description = "The version is not built, or does not support a trigger the action is bound to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response rollback(
            @PathParam("actionId") UUID actionId,
            @PathParam("id") UUID id,
            @RequestBody(
                            required = false,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(implementation = DeployVersionRequest.class)))
                    String body)
            throws JsonProcessingException {
        DeployVersionRequest request =
                body == null || body.isBlank() ? null : json.readValue(body, DeployVersionRequest.class);
        boolean updateDraft = request != null && Boolean.TRUE.equals(request.updateDraft());
        return Response.accepted(VersionResponse.from(versions.rollback(tenant.id(), actionId, id, updateDraft)))
                .build();
    }
}
