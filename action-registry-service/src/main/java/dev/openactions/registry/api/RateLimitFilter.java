package dev.openactions.registry.api;

import dev.openactions.registry.security.CurrentTenant;
import dev.openactions.registry.security.RateLimiter;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Applies the per-tenant rate limit to every Management API request and reports it on every
 * response, as Auth0 does: {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining},
 * {@code X-RateLimit-Reset} (epoch seconds); 429 problem+json with {@code Retry-After} when exhausted.
 * Runs after authentication and authorization, so only a verified tenant spends its budget.
 */
public class RateLimitFilter {
    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";
    private static final String MANAGEMENT_API = "/api/v2/";

    private final RateLimiter limiter;
    private final CurrentTenant tenant;

    RateLimitFilter(RateLimiter limiter, CurrentTenant tenant) {
        this.limiter = limiter;
        this.tenant = tenant;
    }

    @ServerRequestFilter
    public Response limit(ContainerRequestContext request) {
        if (!limiter.enabled() || !request.getUriInfo().getPath().startsWith(MANAGEMENT_API)) {
            return null;
        }
        String tenantId;
        try {
            tenantId = tenant.id();
        } catch (ForbiddenException | UnauthorizedException e) {
            return null; // the endpoint's own security check answers
        }
        RateLimiter.Decision decision = limiter.take(tenantId);
        request.setProperty(DECISION, decision);
        if (decision.allowed()) {
            return null;
        }
        return Response.fromResponse(ProblemMapper.problem(
                        429,
                        "rate-limited",
                        "Too Many Requests",
                        "the tenant's rate limit for the Management API is exhausted; retry after the reset time",
                        null))
                .header("Retry-After", decision.retryAfterSeconds())
                .build();
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision decision) {
            response.getHeaders().putSingle("X-RateLimit-Limit", decision.limit());
            response.getHeaders().putSingle("X-RateLimit-Remaining", decision.remaining());
            response.getHeaders().putSingle("X-RateLimit-Reset", decision.resetEpochSeconds());
        }
    }
}
