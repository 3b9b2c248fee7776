package dev.openactions.registry.api;

import dev.openactions.contracts.TriggerId;
import dev.openactions.registry.security.CurrentTenant;
import dev.openactions.registry.security.Scopes;
import dev.openactions.registry.service.BindingService;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Triggers and their ordered bindings. */
@Path("/api/v2/actions/triggers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "triggers")
@APIResponse(
        responseCode = "404",
        description = "Unknown trigger (or binding)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "400",
        description = "Invalid request",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TriggersResource {
    private final BindingService bindings;
    private final CurrentTenant tenant;

    TriggersResource(BindingService bindings, CurrentTenant tenant) {
        this.bindings = bindings;
        this.tenant = tenant;
    }

    @RolesAllowed(Scopes.READ_ACTIONS)
    @GET
    @Operation(summary = "List the triggers")
    @APIResponse(responseCode = "200", description = "Every trigger: {triggers: [...]}")
    public Map<String, List<TriggerResponse>> triggers() {
        return Map.of(
                "triggers",
                Arrays.stream(TriggerId.values()).map(TriggerResponse::from).toList());
    }

    @RolesAllowed(Scopes.READ_ACTIONS)
    @GET
    @Path("/{triggerId}/bindings")
    @Operation(summary = "The trigger's bindings, in execution order")
    @APIResponse(responseCode = "200", description = "A page of bindings, in execution order")
    public BindingsPage list(
            @PathParam("triggerId") String triggerId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("per_page") @DefaultValue("20") @Min(1) @Max(100) int perPage) {
        return BindingsPage.from(bindings.list(tenant.id(), triggerId, page, perPage));
    }

    @RolesAllowed(Scopes.UPDATE_ACTIONS)
    @PATCH
    @Path("/{triggerId}/bindings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace the trigger's ordered bindings",
            description = "Refs by action_id, action_name or "
                    + "binding_id (keeps that binding). Only built, deployed actions supporting the trigger may be bound. "
                    + "on_error (fail | continue) and timeout_ms go beyond Auth0.")
    @APIResponse(responseCode = "200", description = "The new flow")
    @APIResponse(
            responseCode = "409",
            description = "An action's version is still being built",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "More bindings than registry.limits.max-bindings-per-trigger",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BindingsPage replace(
            @PathParam("triggerId") String triggerId, @NotNull @Valid UpdateBindingsRequest request) {
        return BindingsPage.from(bindings.replace(
                tenant.id(),
                triggerId,
                request.bindings().stream()
                        .map(b -> new BindingService.BindingSpec(
                                b.ref().type(), b.ref().value(), b.displayName(), b.onError(), b.timeoutMs()))
                        .toList()));
    }

    @RolesAllowed(Scopes.UPDATE_ACTIONS)
    @POST
    @Path("/{triggerId}/bindings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Insert one binding (beyond Auth0)",
            description =
                    "Binds one action at position (0-based; "
                            + "absent appends) and shifts the following bindings down, without rewriting the flow. Publishes the new flow.")
    @APIResponse(
            responseCode = "201",
            description = "The new binding",
            content = @Content(schema = @Schema(implementation = BindingResponse.class)))
    @APIResponse(
            responseCode = "409",
            description = "The action is already bound to this trigger, or its version is still being built",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "The flow already has registry.limits.max-bindings-per-trigger bindings",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response insert(@PathParam("triggerId") String triggerId, @NotNull @Valid InsertBindingRequest request) {
        BindingResponse created = BindingResponse.from(bindings.insert(
                tenant.id(),
                triggerId,
                new BindingService.BindingSpec(
                        request.ref().type(),
                        request.ref().value(),
                        request.displayName(),
                        request.onError(),
                        request.timeoutMs()),
                request.position()));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @RolesAllowed(Scopes.UPDATE_ACTIONS)
    @DELETE
    @Path("/{triggerId}/bindings/{bindingId}")
    @Operation(
            summary = "Remove one binding (beyond Auth0)",
            description = "The following bindings move up one place. " + "Publishes the new flow.")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove(@PathParam("triggerId") String triggerId, @PathParam("bindingId") UUID bindingId) {
        bindings.remove(tenant.id(), triggerId, bindingId);
        return Response.noContent().build();
    }
}
