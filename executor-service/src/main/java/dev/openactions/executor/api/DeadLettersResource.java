package dev.openactions.executor.api;

import dev.openactions.executor.deadletters.DeadLetters;
import dev.openactions.executor.security.CurrentTenant;
import dev.openactions.executor.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Operators' view of dead-lettered identity events, and their replay onto the original topic once
 * the cause is fixed. Events that completed in the meantime are skipped by the consumer's
 * processed-events store, so replaying everything is safe.
 */
@Path("/api/v1/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Operations on identity events")
@RolesAllowed(Scopes.ADMIN)
public class DeadLettersResource {

    /** Which dead-lettered events to replay: an identity topic (both when absent) and event ids (all when absent). */
    public record ReplayRequest(String topic, List<String> eventIds) {}

    public record ReplayResponse(int replayed, List<DeadLetterResponse> events) {}

    private final DeadLetters deadLetters;

    private final CurrentTenant tenant;

    DeadLettersResource(DeadLetters deadLetters, CurrentTenant tenant) {
        this.deadLetters = deadLetters;
        this.tenant = tenant;
    }

    @GET
    @Operation(
            summary =
                    "List dead-lettered identity events with their reason, attempts, failing action and original position")
    public List<DeadLetterResponse> list(@QueryParam("topic") String topic) {
        tenant.requireNone(); // dead letters hold every tenant's events
        return deadLetters.list(blankToNull(topic)).stream()
                .map(DeadLetterResponse::from)
                .toList();
    }

    @POST
    @Path("/replay")
    @Operation(summary = "Put dead-lettered identity events (all, or the given event ids) back on their topic")
    public ReplayResponse replay(ReplayRequest request) {
        tenant.requireNone();
        ReplayRequest body = request == null ? new ReplayRequest(null, null) : request;
        List<DeadLetters.Entry> replayed =
                deadLetters.replay(blankToNull(body.topic()), body.eventIds() == null ? List.of() : body.eventIds());
        return new ReplayResponse(
                replayed.size(), replayed.stream().map(DeadLetterResponse::from).toList());
    }

    @ServerExceptionMapper
    public Response unknownTopic(DeadLetters.UnknownTopic e) {
        return ProblemMapper.problem(400, "invalid-request", "Invalid request", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response kafkaUnavailable(DeadLetters.KafkaUnavailable e) {
        return ProblemMapper.problem(
                503, "kafka-unavailable", "Service unavailable", "Kafka cannot be reached; try again later", null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
