package dev.openactions.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.openactions.registry.domain.RegistryException;
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
 * The one place where errors become HTTP responses (RFC 9457 problem+json). The status table for
 * domain errors is the switch below; nothing returns a stack trace, class name or secret value.
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    @ServerExceptionMapper
    public Response domain(RegistryException e) {
        return switch (e) {
            case RegistryException.NotFound notFound ->
                problem(404, "not-found", "Not found", notFound.getMessage(), null);
            case RegistryException.Conflict conflict ->
                problem(409, "conflict", "Conflict", conflict.getMessage(), null);
            case RegistryException.Invalid invalid ->
                problem(400, "invalid-request", "Invalid request", invalid.getMessage(), null);
            case RegistryException.TooLarge tooLarge ->
                problem(413, "too-large", "Payload too large", tooLarge.getMessage(), null);
            case RegistryException.LimitExceeded limit ->
                problem(422, "limit-exceeded", "Limit exceeded", limit.getMessage(), null);
            case RegistryException.DependencyUnavailable down ->
                problem(503, "dependency-unavailable", "Service unavailable", down.getMessage(), null);
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

    /** Well-formed JSON with a value of the wrong type or outside an enum (e.g. on_error: "explode"). */
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

    /** Two requests raced on the same row (optimistic lock): the loser retries. */
    @ServerExceptionMapper
    public Response staleRow(OptimisticLockException e) {
        return problem(409, "conflict", "Conflict", "the change conflicts with a concurrent change; retry", null);
    }

    /** Two requests raced on a unique name or a version number: the loser retries or renames. */
    @ServerExceptionMapper
    public Response uniqueness(org.hibernate.exception.ConstraintViolationException e) {
        LOG.debugf("constraint violated: %s", e.getConstraintName());
        return problem(409, "conflict", "Conflict", "the change conflicts with a concurrent change; retry", null);
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
        return problem(status, problemFor(status, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation) {
                return uniqueness(violation);
            }
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return problem(
                        409, "conflict", "Conflict", "the change conflicts with a concurrent change; retry", null);
            }
            cause = cause.getCause();
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
            case 431 -> "the request headers are too large";
            case 415 -> "unsupported media type: send application/json";
            default -> "the request cannot be processed";
        };
    }

    private static Response serverError(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error %s", errorId);
        return problem(
                500, "internal", "Internal error", "an internal error occurred (error id " + errorId + ")", null);
    }

    /** The invalid field as the client named it: {@code secrets[0].value}, {@code timeout_ms} (snake_case, as on the wire). */
    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        String field = parts.length == 3 ? parts[2] : parts[parts.length - 1];
        return CAMEL_HUMP.matcher(field).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    static Response problem(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        return problem(status, Problem.of(status, type, title, detail, errors));
    }

    private static Response problem(int status, Problem problem) {
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
        return Problem.of(status, type, title, detail != null ? detail : detailFor(status), null);
    }
}
