package dev.openactions.secrets.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openactions.secrets.domain.SecretsException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where errors become HTTP responses: every error is problem+json, none carries a
 * stack trace, an exception class name or a secret value. 5xx are logged once with an error id that
 * the response repeats, so an operator can find the log line.
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String TYPE_BASE = "https://openactions.dev/problems/";

    @ServerExceptionMapper
    public Response domain(SecretsException e) {
        return switch (e) {
            // the detail names the rule, the field points at the item: nothing of the body is echoed
            case SecretsException.InvalidSecrets invalid -> problem(422, "invalid-secrets", "Invalid secrets",
                    invalid.field() + ": " + invalid.getMessage(), List.of(new Problem.FieldError(invalid.field(), invalid.getMessage())));
            case SecretsException.InvalidRequest invalid -> problem(400, "invalid-request", "Invalid request", invalid.getMessage(), null);
            case SecretsException.KeyBackendUnavailable down -> Response.fromResponse(
                    problem(503, "key-backend-unavailable", "Key backend unavailable", down.getMessage(), null))
                    .header("Retry-After", "5").build();
            case SecretsException.CorruptSecret corrupt -> integrityFailure(corrupt);
            case SecretsException.RotationInProgress busy -> problem(409, "rotation-in-progress", "Rotation in progress", busy.getMessage(), null);
            case SecretsException.RotationNotFound missing -> problem(404, "rotation-not-found", "No such rotation", missing.getMessage(), null);
            case SecretsException.KeyOperationNotPermitted forbidden -> problem(409, "key-operation-not-permitted",
                    "The key backend does not permit this", forbidden.getMessage(), null);
            case SecretsException.RetirementRefused refused -> problem(409, "retirement-refused", "Key versions still in use", refused.getMessage(), null);
            default -> serverError(e);
        };
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        return problem(400, "validation", "Invalid request", "the request has invalid fields", errors);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return problem(400, "malformed-body", "Malformed request body", "the request body is not valid JSON for this operation" + where, null);
    }

    /**
     * No token, or one that does not verify (signature, issuer, audience, expiry): 401 with a Bearer
     * challenge (RFC 6750). The detail never says which check failed.
     */
    @ServerExceptionMapper
    public Response unauthenticated(io.quarkus.security.UnauthorizedException e) {
        return challenge("Bearer");
    }

    @ServerExceptionMapper
    public Response invalidToken(io.quarkus.security.AuthenticationFailedException e) {
        return challenge("Bearer error=\"invalid_token\"");
    }

    /** A valid token without the scope the operation requires (or without a tenant where one is needed). */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return problem(403, "forbidden", "Forbidden", "the token does not grant this operation", null);
    }

    private static Response challenge(String wwwAuthenticate) {
        return Response.fromResponse(problem(401, "unauthorized", "Unauthorized", "a valid bearer access token is required", null))
                .header("WWW-Authenticate", wwwAuthenticate).build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return serverError(e);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request failed" : known.getReasonPhrase();
        return problem(status, "http-" + status, title, detailFor(status), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return serverError(e);
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed on this resource";
            case 406 -> "cannot produce the requested media type";
            case 415 -> "unsupported media type: send application/json";
            default -> "the request cannot be processed";
        };
    }

    /**
     * Stored ciphertext that does not authenticate: a server-side integrity failure, not the caller's
     * fault. Says which secrets (names are not secret) and nothing about their values.
     */
    private static Response integrityFailure(SecretsException.CorruptSecret e) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf("Integrity check failed (error %s): secrets %s of %s/%s do not authenticate under their tenant, owner and name",
                errorId, e.names(), e.tenantId(), e.ownerId());
        return problem(500, "secret-integrity", "Stored secret failed its integrity check",
                "the stored value of " + String.join(", ", e.names()) + " does not authenticate for this tenant, owner and name: "
                        + "it was altered, copied from another row, or sealed with a retired key version. Set it again. (error id "
                        + errorId + ")", null);
    }

    private static Response serverError(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error %s", errorId);
        return problem(500, "internal", "Internal error", "an internal error occurred (error id " + errorId + ")", null);
    }

    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // "replace.request.secrets[0].name" -> "secrets[0].name": drop the method and parameter names
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    static Response problem(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(TYPE_BASE + type, title, status, detail, errors))
                .build();
    }
}
