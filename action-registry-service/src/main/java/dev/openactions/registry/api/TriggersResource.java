package dev.openactions.registry.api;

import dev.openactions.contracts.TriggerId;
import dev.openactions.registry.security.CurrentTenant;
import dev.openactions.registry.service.BindingService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Triggers and their ordered bindings. */
@Path("/api/v2/actions/triggers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "triggers")
public class TriggersResource {
    private final BindingService bindings;
    private final CurrentTenant tenant;

    TriggersResource(BindingService bindings, CurrentTenant tenant) {
        this.bindings = bindings;
        this.tenant = tenant;
    }

    @GET
    @Operation(summary = "List the triggers")
    public Map<String, List<TriggerResponse>> triggers() {
        return Map.of("triggers", Arrays.stream(TriggerId.values()).map(TriggerResponse::from).toList());
    }

    @GET
    @Path("/{triggerId}/bindings")
    @Operation(summary = "The trigger's bindings, in execution order")
    public BindingsPage list(@PathParam("triggerId") String triggerId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("per_page") @DefaultValue("20") @Min(1) @Max(100) int perPage) {
        return bindings.list(tenant.id(), triggerId, page, perPage);
    }

    @PATCH
    @Path("/{triggerId}/bindings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the trigger's ordered bindings")
    public BindingsPage replace(@PathParam("triggerId") String triggerId, @NotNull @Valid UpdateBindingsRequest request) {
        return bindings.replace(tenant.id(), triggerId, request.bindings().stream()
                .map(b -> new BindingService.BindingSpec(b.ref().type(), b.ref().value(), b.displayName(), b.onError(), b.timeoutMs()))
                .toList());
    }
}
