package dev.openactions.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openactions.registry.domain.BuildError;
import dev.openactions.registry.domain.RegistryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Talks to the executor and turns its answers into registry terms: a build outcome (built, failed
 * with Auth0-shaped errors, or the executor unavailable) and test-run results.
 */
@ApplicationScoped
public class ExecutorGateway {
    private static final Logger LOG = Logger.getLogger(ExecutorGateway.class);
    static final String ERROR_URL_BASE = "https://openactions.dev/docs/build-errors#";

    /** What the executor said about a version's code. */
    public sealed interface BuildOutcome {
        record Built() implements BuildOutcome {}

        record Failed(List<BuildError> errors) implements BuildOutcome {}

        /** The executor could not be asked (down, 5xx, unreadable answer): try again later. */
        record Unavailable(String reason) implements BuildOutcome {}
    }

    private final ExecutorClient client;

    ExecutorGateway(@RestClient ExecutorClient client) {
        this.client = client;
    }

    /** {@code dependencyBundle}: the hash of the version's stored npm tree, or null. */
    public BuildOutcome build(String triggerId, String code, String dependencyBundle) {
        ExecutorClient.BuildResult result;
        try {
            result = client.build(new ExecutorClient.BuildRequest(triggerId, code, dependencyBundle));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500 || status == 429 || status == 408) {
                return new BuildOutcome.Unavailable("executor answered " + status);
            }
            // The executor refused the request itself (e.g. code over its size limit): retrying cannot help.
            return new BuildOutcome.Failed(List.of(new BuildError(
                    "build_rejected",
                    "the executor refused the build: " + problemDetail(e),
                    ERROR_URL_BASE + "build_rejected")));
        } catch (ProcessingException e) {
            return new BuildOutcome.Unavailable("executor unreachable: " + e.getMessage());
        }
        if (result == null) {
            return new BuildOutcome.Unavailable("executor sent no build result");
        }
        boolean built =
                "built".equals(result.status()) || (result.status() == null && Boolean.TRUE.equals(result.built()));
        boolean failed =
                "failed".equals(result.status()) || (result.status() == null && Boolean.FALSE.equals(result.built()));
        if (built) {
            return new BuildOutcome.Built();
        }
        if (!failed) {
            return new BuildOutcome.Unavailable("executor sent an unknown build status '" + result.status() + "'");
        }
        List<ExecutorClient.BuildResult.Problem> problems = result.errors() == null ? List.of() : result.errors();
        if (problems.isEmpty()) {
            return new BuildOutcome.Failed(
                    List.of(new BuildError("build_failed", "the build failed", ERROR_URL_BASE + "build_failed")));
        }
        return new BuildOutcome.Failed(
                problems.stream().map(ExecutorGateway::toBuildError).toList());
    }

    /**
     * Runs a draft once. Returns the executor's result document; a refusal becomes a 400 for the
     * tenant, an outage a 503.
     */
    public JsonNode testRun(ExecutorClient.TestRunRequest request) {
        try {
            return client.testRun(request);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 400 && status < 500) {
                throw new RegistryException.Invalid("the test run was refused: " + problemDetail(e));
            }
            LOG.warnf("executor answered %d to a test run of action %s", status, request.actionId());
            throw unavailable();
        } catch (ProcessingException e) {
            LOG.warnf("executor unreachable for a test run of action %s: %s", request.actionId(), e.getMessage());
            throw unavailable();
        }
    }

    /** Auth0's {@code {id, msg, url}} with the position folded into the message. */
    static BuildError toBuildError(ExecutorClient.BuildResult.Problem problem) {
        String id = problem.id() == null || problem.id().isBlank() ? "build_failed" : problem.id();
        StringBuilder msg = new StringBuilder(label(id));
        if (problem.line() != null) {
            msg.append(" at line ").append(problem.line());
            if (problem.column() != null) {
                msg.append(", column ").append(problem.column());
            }
        }
        msg.append(": ").append(problem.msg() == null ? "no details" : problem.msg());
        return new BuildError(id, msg.toString(), ERROR_URL_BASE + id);
    }

    private static String label(String id) {
        return switch (id) {
            case "syntax_error" -> "SyntaxError";
            case "missing_handler" -> "Missing handler";
            case "top_level_error" -> "Error in top-level code";
            default -> id.replace('_', ' ').toLowerCase(Locale.ROOT);
        };
    }

    private static String problemDetail(WebApplicationException e) {
        try {
            JsonNode node = e.getResponse().readEntity(JsonNode.class);
            return node.path("detail").asText("the request was invalid");
        } catch (RuntimeException unreadable) {
            return "the request was invalid";
        }
    }

    private static RegistryException unavailable() {
        return new RegistryException.DependencyUnavailable("the executor is unavailable; try again shortly");
    }
}
