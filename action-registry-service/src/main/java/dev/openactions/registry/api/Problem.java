package dev.openactions.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}. It also carries the
 * fields of Auth0's Management API errors ({@code statusCode}, {@code error}, {@code message},
 * {@code errorCode}, camelCase as Auth0 spells them) so that Auth0 SDKs and deploy tools that read
 * those keep working against this wire-compatible API.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        List<FieldError> errors,
        @JsonProperty("statusCode") int statusCode,
        @JsonProperty("error") String error,
        @JsonProperty("message") String message,
        @JsonProperty("errorCode") String errorCode) {
    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://openactions.dev/problems/";

    /** A problem of type {@code TYPE_BASE + slug}; the Auth0 fields repeat status, title and detail. */
    public static Problem of(int status, String slug, String title, String detail, List<FieldError> errors) {
        return new Problem(
                TYPE_BASE + slug,
                title,
                status,
                detail,
                errors,
                status,
                title,
                detail,
                slug.replace('-', '_').toLowerCase(Locale.ROOT));
    }

    /** One invalid input: where it is and what is wrong with it. */
    public record FieldError(String field, String message) {}
}
