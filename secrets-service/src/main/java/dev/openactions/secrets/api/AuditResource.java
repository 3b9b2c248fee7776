package dev.openactions.secrets.api;

import dev.openactions.secrets.security.Caller;
import dev.openactions.secrets.security.Scopes;
import dev.openactions.secrets.service.AuditTrail;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's audit trail: every decrypt and every change of its secrets, who did it and when. */
@Path("/internal/v1/tenants/{tenantId}/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "Who decrypted or changed which secrets, and when")
public class AuditResource {
    private final AuditTrail audit;
    private final Caller caller;

    AuditResource(AuditTrail audit, Caller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @RolesAllowed(Scopes.READ_AUDIT)
    @GET
    @Operation(
            summary = "List a tenant's audit events, newest first",
            description = "Optionally of one owner; pages start at 0.")
    public AuditPageResponse list(
            @PathParam("tenantId") @Pattern(regexp = SecretsResource.ID_PATTERN) String tenantId,
            @QueryParam("owner_id") @Pattern(regexp = SecretsResource.ID_PATTERN) String ownerId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("per_page") @DefaultValue("50") @Min(1) @Max(100) int perPage) {
        caller.requireTenant(tenantId);
        return AuditPageResponse.from(audit.page(tenantId, ownerId, page, perPage));
    }
}
