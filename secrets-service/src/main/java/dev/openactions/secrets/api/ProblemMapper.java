package dev.openactions.secrets.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.openactions.secrets.domain.SecretsException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
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
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    @ServerExceptionMapper
    public Response domain(SecretsException e) {
        return switch (e) {
            // the detail names the rule, the field points at the item: nothing of the body is echoed
            case SecretsException.InvalidSecrets invalid ->
                problem(
                        422,
                        "invalid-secrets",
                        "Invalid secrets",
                        invalid.field() + ": " + invalid.getMessage(),
                        List.of(new Problem.FieldError(invalid.field(), invalid.getMessage())));
            case SecretsException.InvalidRequest invalid ->
                problem(400, "invalid-request", "Invalid request", invalid.getMessage(), null);
            case SecretsException.KeyBackendUnavailable down ->
                Response.fromResponse(problem(
                                503, "key-backend-unavailable", "Key backend unavailable", down.getMessage(), null))
                        .header("Retry-After", "5")
                        .build();
            case SecretsException.CorruptSecret corrupt -> integrityFailure(corrupt);
            case SecretsException.RotationInProgress busy ->
                problem(409, "rotation-in-progress", "Rotation in progress", busy.getMessage(), null);
            case SecretsException.RotationNotFound missing ->
                problem(404, "rotation-not-found", "No such rotation", missing.getMessage(), null);
            case SecretsException.KeyOperationNotPermitted forbidden ->
                problem(
                        409,
                        "key-operation-not-permitted",
                        "The key backend does not permit this",
                        forbidden.getMessage(),
                        null);
            case SecretsException.RetirementRefused refused ->
                problem(409, "retirement-refused", "Key versions still in use", refused.getMessage(), null);
            default -> serverError(e);
        };
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return problem(400, "validation", "Invalid request", "the request has invalid fields", errors);
    }

    /** Well-formed JSON with a value of the wrong type, or a string with a NUL character; names the field. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        if (e instanceof StrictJson.NulCharacter) {
            return problem(
                    400,
                    "invalid-character",
                    "Invalid request",
                    field + " must not contain a NUL character (U+0000)",
                    List.of(new Problem.FieldError(field, "must not contain a NUL character")));
        }
        return problem(
                400,
                "malformed-body",
                "Malformed request body",
                "a field has a value of the wrong type or an unknown value",
                field.isEmpty() ? null : List.of(new Problem.FieldError(field, "wrong type or unknown value")));
    }

    /** Two requests raced on the same row (optimistic lock): the loser retries. */
    @ServerExceptionMapper
    public Response staleRow(OptimisticLockException e) {
        return problem(409, "conflict", "Conflict", "the change conflicts with a concurrent change; retry", null);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return problem(
                400,
                "malformed-body",
                "Malformed request body",
                "the request body is not valid JSON for this operation" + where,
                null);
    }

    /**
     * No token, or one that does not verify (signature, issuer, audience, expiry): 401 with a Bearer
     * challenge (RFC 6750). The detail never says which check failed.
     */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return challenge("Bearer");
    }

    @ServerExceptionMapper
    public Response invalidToken(AuthenticationFailedException e) {
        return challenge("Bearer error=\"invalid_token\"");
    }

    /** A valid token without the scope the operation requires (or without a tenant where one is needed). */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "forbidden", "Forbidden", "the token does not grant this operation", null);
    }

    private static Response challenge(String wwwAuthenticate) {
        return Response.fromResponse(
                        problem(401, "unauthorized", "Unauthorized", "a valid bearer access token is required", null))
                .header("WWW-Authenticate", wwwAuthenticate)
                .build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        // the JSON reader wraps a parse error (duplicate key, trailing token) in a 400: say what it was
        if (e.getCause() instanceof MismatchedInputException mismatched) {
            return mismatchedJson(mismatched);
        }
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return serverError(e);
        }
        Problem problem = problemFor(status, null);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The problem for a bare HTTP status (the framework's own errors), with a fixed, safe detail unless one is given. */
    static Problem problemFor(int status, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null
                ? known.getReasonPhrase()
                : switch (status) {
                    case 414 -> "URI Too Long";
                    case 431 -> "Request Header Fields Too Large";
                    default -> status >= 500 ? "Internal error" : "Request failed";
                };
        String type = status == 500 ? "internal" : "http-" + status;
        return new Problem(TYPE_BASE + type, title, status, detail != null ? detail : detailFor(status), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return problem(
                        409, "conflict", "Conflict", "the change conflicts with a concurrent change; retry", null);
            }
        }
        return serverError(e);
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed on this resource";
            case 406 -> "cannot produce the requested media type";
            case 413 -> "the request body is too large";
            case 414 -> "the request URI is too long";
            case 415 -> "unsupported media type: send application/json";
            case 431 -> "the request headers are too large";
            default -> "the request cannot be processed";
        };
    }

    /**
     * Stored ciphertext that does not authenticate: a server-side integrity failure, not the caller's
     * fault. Says which secrets (names are not secret) and nothing about their values.
     */
    private static Response integrityFailure(SecretsException.CorruptSecret e) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(
                "Integrity check failed (error %s): secrets %s of %s/%s do not authenticate under their tenant, owner and name",
                errorId, e.names(), e.tenantId(), e.ownerId());
        return problem(
                500,
                "secret-integrity",
                "Stored secret failed its integrity check",
                "the stored value of " + String.join(", ", e.names())
                        + " does not authenticate for this tenant, owner and name: "
                        + "it was altered, copied from another row, or sealed with a retired key version. Set it again. (error id "
                        + errorId + ")",
                null);
    }

    private static Response serverError(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error %s", errorId);
        return problem(
                500, "internal", "Internal error", "an internal error occurred (error id " + errorId + ")", null);
    }

    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // "replace.request.secrets[0].name" -> "secrets[0].name": drop the method and parameter names
        String[] parts = path.split("\\.", 3);
        String field = parts.length == 3 ? parts[2] : parts[parts.length - 1];
        // as on the wire (snake_case): continuationToken -> continuation_token
        return CAMEL_HUMP.matcher(field).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    static Response problem(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(TYPE_BASE + type, title, status, detail, errors))
                .build();
    }
}
