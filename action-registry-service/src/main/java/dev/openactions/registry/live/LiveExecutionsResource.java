package dev.openactions.registry.live;

import dev.openactions.registry.security.CurrentTenant;
import dev.openactions.registry.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The console's view of executions: the tenant's recent ones, and a server-sent-events stream of
 * new ones as the executor reports them. Authorized like the rest of the API (read:actions), and
 * only ever the caller's own tenant.
 */
@Path("/console/api/executions")
@Tag(name = "console")
public class LiveExecutionsResource {
    private final RecentExecutions recent;
    private final ExecutionFeed feed;
    private final CurrentTenant tenant;

    LiveExecutionsResource(RecentExecutions recent, ExecutionFeed feed, CurrentTenant tenant) {
        this.recent = recent;
        this.feed = feed;
        this.tenant = tenant;
    }

    /** The list page. */
    public record RecentPage(List<LiveExecution> executions) {}

    @RolesAllowed(Scopes.READ_ACTIONS)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's most recent executions, newest first")
    public RecentPage list(
            @QueryParam("trigger_id") @Pattern(regexp = "[a-z0-9-]{1,64}") String triggerId,
            @QueryParam("action_id") @Pattern(regexp = "[0-9a-fA-F-]{36}") String actionId) {
        return new RecentPage(recent.list(tenant.id(), triggerId, actionId));
    }

    @RolesAllowed(Scopes.READ_ACTIONS)
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-sent events: `ready` once, then one `execution` per new execution of the tenant")
    public void stream(@Context SseEventSink sink, @Context Sse sse) {
        String tenantId = tenant.id();
        if (!feed.subscribe(tenantId, sink, sse)) {
            throw new TooManyStreams();
        }
        sink.send(sse.newEventBuilder().name("ready").data("{}").build());
    }
}
