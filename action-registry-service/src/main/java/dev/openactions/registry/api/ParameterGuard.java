package dev.openactions.registry.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a NUL character (U+0000, {@code %00} once decoded) in any path or query parameter with a
 * 400 naming the parameter: PostgreSQL cannot store or compare it, so it would otherwise surface as
 * a 500 from the first query that uses the value. Bodies are checked by {@link StrictJson}.
 */
public class ParameterGuard {
    @ServerRequestFilter(priority = 10)
    public Response refuseNul(ContainerRequestContext request) {
        String bad = firstWithNul("path parameter", request.getUriInfo().getPathParameters());
        if (bad == null) {
            bad = firstWithNul("query parameter", request.getUriInfo().getQueryParameters());
        }
        if (bad == null) {
            return null;
        }
        return ProblemMapper.problem(
                400,
                "invalid-parameter",
                "Invalid request",
                bad + " must not contain a NUL character",
                List.of(new Problem.FieldError(
                        bad.substring(bad.indexOf('\'') + 1, bad.length() - 1), "must not contain a NUL character")));
    }

    private static String firstWithNul(String kind, MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> entry : parameters.entrySet()) {
            String name = entry.getKey();
            boolean nul = name.indexOf('\0') >= 0
                    || entry.getValue().stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0);
            if (nul) {
                return kind + " '" + name.replace("\0", "\\u0000") + "'";
            }
        }
        return null;
    }
}
