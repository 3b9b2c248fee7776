package dev.openactions.registry.api;

import dev.openactions.contracts.TriggerId;
import dev.openactions.registry.domain.RegistryException;
import dev.openactions.registry.repository.ActionFilter;
import dev.openactions.registry.security.CurrentTenant;
import dev.openactions.registry.security.Scopes;
import dev.openactions.registry.service.ActionService;
import dev.openactions.registry.service.InstalledIntegrations;
import dev.openactions.registry.service.VersionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Actions (their drafts), deploys and test runs: Auth0 Management API v2 paths and shapes. */
@Path("/api/v2/actions/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "actions")
@APIResponse(
        responseCode = "400",
        description = "Invalid request (field errors in `errors`)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "500",
        description = "Internal error (with an error id to find it in the logs)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ActionsResource {
    private final ActionService actions;
    private final VersionService versions;
    private final CurrentTenant tenant;
    private final InstalledIntegrations installed;

    ActionsResource(
            ActionService actions, VersionService versions, CurrentTenant tenant, InstalledIntegrations installed) {
        this.installed = installed;
        this.actions = actions;
        this.versions = versions;
        this.tenant = tenant;
    }

    @RolesAllowed(Scopes.READ_ACTIONS)
    @GET
    @Operation(
            summary = "List actions",
            description = "Always the paginated envelope {actions, total, page, per_page}, "
                    + "as Auth0 answers this endpoint (it has no include_totals parameter).")
    @APIResponse(responseCode = "200", description = "A page of actions, oldest first")
    public ActionsPage list(
            @Parameter(description = "Only actions supporting this trigger") @QueryParam("triggerId") String triggerId,
            @Parameter(description = "Only the action with this exact name") @QueryParam("actionName")
                    String actionName,
            @Parameter(description = "true: only actions with a deployed version; false: only those without")
                    @QueryParam("deployed")
                    Boolean deployed,
            @Parameter(description = "true: only installed marketplace integrations; false: only custom actions")
                    @QueryParam("installed")
                    Boolean installed,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("per_page") @DefaultValue("20") @Min(1) @Max(100) int perPage) {
        if (triggerId != null && TriggerId.fromId(triggerId).isEmpty()) {
            throw new RegistryException.Invalid("unknown trigger '" + triggerId + "'");
        }
        return ActionsPage.from(
                actions.list(tenant.id(), new ActionFilter(triggerId, actionName, deployed, installed), page, perPage));
    }

    @RolesAllowed(Scopes.CREATE_ACTIONS)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create an action",
            description =
                    "Secret values are stored encrypted by secrets-service and never "
                            + "returned. With deploy=true the draft is also deployed (its first version is then built in the background).")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = ActionResponse.class)))
    @APIResponse(
            responseCode = "409",
            description = "An action with this name exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "Code larger than the limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "A count limit is reached (actions, secrets, dependencies)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "secrets-service is unavailable; nothing was created",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid CreateActionRequest request) {
        ActionResponse created = ActionResponse.from(
                actions.create(tenant.id(), request.toDraft(), Boolean.TRUE.equals(request.deploy())));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @RolesAllowed(Scopes.READ_ACTIONS)
    @GET
    @Path("/{id}")
    @Operation(summary = "Get an action")
    @APIResponse(responseCode = "200", description = "The action")
    @APIResponse(
            responseCode = "404",
            description = "No such action",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ActionResponse get(@PathParam("id") UUID id) {
        return ActionResponse.from(actions.get(tenant.id(), id));
    }

    @RolesAllowed(Scopes.UPDATE_ACTIONS)
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Update an action's draft",
            description =
                    "Only the draft changes; what runs changes when it is "
                            + "deployed. A secrets list replaces the whole set: names left out are deleted, a name without a value keeps its value.")
    @APIResponse(
            responseCode = "200",
            description = "The updated action",
            content = @Content(schema = @Schema(implementation = ActionResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such action",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Name taken, or supported_triggers would drop a trigger the action is bound to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "Code larger than the limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "A count limit is reached (secrets, dependencies)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "secrets-service is unavailable; nothing was changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ActionResponse update(@PathParam("id") UUID id, @NotNull @Valid UpdateActionRequest request) {
        if (installed.isInstalled(tenant.id(), id)
                && (request.code() != null
                        || request.runtime() != null
                        || request.dependencies() != null
                        || request.supportedTriggers() != null
                        || request.secrets() != null)) {
            // an installed integration's code is the partner's; its values change through its install
            throw new RegistryException.Invalid("this action is an installed integration: its code cannot be changed; "
                    + "change its secrets and configuration with PATCH /api/v1/marketplace/installs/" + id);
        }
        return ActionResponse.from(actions.update(tenant.id(), id, request.toDraft()));
    }

    @RolesAllowed(Scopes.DELETE_ACTIONS)
    @DELETE
    @Path("/{id}")
    @Operation(
            summary = "Delete an action",
            description = "409 while bound, unless force=true, which detaches it from every flow.")
    @APIResponse(responseCode = "204", description = "Deleted, with its versions and secrets")
    @APIResponse(
            responseCode = "404",
            description = "No such action",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The action is bound and force is not set",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id, @QueryParam("force") @DefaultValue("false") boolean force) {
        actions.delete(tenant.id(), id, force);
        return Response.noContent().build();
    }

    @RolesAllowed(Scopes.CREATE_ACTIONS)
    @POST
    @Path("/{id}/deploy")
    @Operation(
            summary = "Deploy the draft as a new immutable version",
            description = "Answers 202 with the new version "
                    + "in status pending. It is built in the background (building, then built or failed; retrying while the "
                    + "executor is unreachable) and becomes the deployed version, republished to every flow it is bound in, "
                    + "once built. A failed build leaves the previously deployed version live.")
    @APIResponse(
            responseCode = "202",
            description = "The new version, pending",
            content = @Content(schema = @Schema(implementation = VersionResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such action",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The draft no longer supports a trigger the action is bound to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response deploy(@PathParam("id") UUID id) {
        return Response.accepted(VersionResponse.from(versions.deploy(tenant.id(), id)))
                .build();
    }

    @RolesAllowed(Scopes.CREATE_ACTIONS)
    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Test the draft",
            description = "Runs the draft (not the deployed version) once in the executor "
                    + "against payload as the trigger's event, with the action's secrets. The answer's payload is the run's result: "
                    + "{status, commands, effects, logs, error}.")
    @APIResponse(
            responseCode = "200",
            description = "The result of the run",
            content = @Content(schema = @Schema(implementation = TestActionResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such action",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "The executor is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TestActionResponse test(@PathParam("id") UUID id, @NotNull @Valid TestActionRequest request) {
        return new TestActionResponse(actions.test(tenant.id(), id, request.payload()));
    }
}
