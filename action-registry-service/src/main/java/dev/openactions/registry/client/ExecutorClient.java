package dev.openactions.registry.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * executor-service's internal API: build checks of new versions and test runs of drafts. Both name the
 * code's resolved npm tree by hash ({@code dependency_bundle}); the executor fetches it from this registry.
 */
@RegisterRestClient(configKey = "executor")
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ExecutorClient {

    /** Checks that the code loads in the executor's engine and exports the trigger's handler. */
    @POST
    @Path("/builds")
    BuildResult build(BuildRequest body);

    /** Runs a draft once against a sample event; the answer is passed to the tenant as it is. */
    @POST
    @Path("/test-runs")
    JsonNode testRun(TestRunRequest body);

    /** {@code dependency_bundle}: the hash of the version's resolved npm tree (null without dependencies). */
    record BuildRequest(
            @JsonProperty("trigger_id") String triggerId,
            @JsonProperty("code") String code,
            @JsonProperty("dependency_bundle") String dependencyBundle) {}

    /**
     * {@code status} is {@code built} or {@code failed}. {@code built} (a boolean) is accepted as an
     * alternative spelling of the same answer.
     */
    record BuildResult(
            @JsonProperty("status") String status,
            @JsonProperty("built") Boolean built,
            @JsonProperty("errors") List<Problem> errors) {

        /** One build error; line and column are 1-based and present for syntax errors. */
        public record Problem(
                @JsonProperty("id") String id,
                @JsonProperty("msg") String msg,
                @JsonProperty("line") Integer line,
                @JsonProperty("column") Integer column) {}
    }

    /**
     * {@code configuration} and {@code outbound_hosts} make the run an installed integration's: the
     * executor puts the configuration into {@code event.configuration} (whatever the event says) and
     * refuses every host the list does not allow (an empty list refuses all). Both null for a custom
     * action, which keeps the event's own {@code configuration} and may call any host.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TestRunRequest(
            @JsonProperty("tenant_id") String tenantId,
            @JsonProperty("trigger_id") String triggerId,
            @JsonProperty("action_id") String actionId,
            @JsonProperty("action_name") String actionName,
            @JsonProperty("code") String code,
            @JsonProperty("event") JsonNode event,
            @JsonProperty("dependency_bundle") String dependencyBundle,
            @JsonProperty("configuration") Map<String, String> configuration,
            @JsonProperty("outbound_hosts") List<String> outboundHosts,
            @JsonProperty("coverage") Boolean coverage) {

        /** An installed integration's run (configuration and hosts), without coverage. */
        public TestRunRequest(
                String tenantId,
                String triggerId,
                String actionId,
                String actionName,
                String code,
                JsonNode event,
                String dependencyBundle,
                Map<String, String> configuration,
                List<String> outboundHosts) {
            this(
                    tenantId,
                    triggerId,
                    actionId,
                    actionName,
                    code,
                    event,
                    dependencyBundle,
                    configuration,
                    outboundHosts,
                    null);
        }

        /** A custom action's draft. */
        public TestRunRequest(
                String tenantId,
                String triggerId,
                String actionId,
                String actionName,
                String code,
                JsonNode event,
                String dependencyBundle) {
            this(tenantId, triggerId, actionId, actionName, code, event, dependencyBundle, null, null);
        }

        /** A draft without npm dependencies. */
        public TestRunRequest(
                String tenantId, String triggerId, String actionId, String actionName, String code, JsonNode event) {
            this(tenantId, triggerId, actionId, actionName, code, event, null);
        }
    }
}
