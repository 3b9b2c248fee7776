package dev.openactions.secrets.api;

import dev.openactions.secrets.security.Caller;
import dev.openactions.secrets.security.Scopes;
import dev.openactions.secrets.service.SecretInput;
import dev.openactions.secrets.service.SecretsService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Internal API of the secrets service. Values go in, names come out; only the decrypt operation
 * returns values and it is meant for the executor's identity alone. Every change and every decrypt
 * is audited with the caller the access token names; a token for one tenant reaches no other.
 */
@Path("/internal/v1/tenants/{tenantId}/owners/{ownerId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "secrets", description = "Encrypted secret values of actions and integrations")
public class SecretsResource {
    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}";
    static final String NAME_PATTERN = "[A-Za-z_][A-Za-z0-9_]{0,127}";

    private final SecretsService secrets;
    private final Caller caller;

    SecretsResource(SecretsService secrets, Caller caller) {
        this.secrets = secrets;
        this.caller = caller;
    }

    @RolesAllowed(Scopes.WRITE_SECRETS)
    @PUT
    @Path("/secrets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace an owner's secrets",
            description = "Names absent are deleted; a name without a value keeps its value.")
    public SecretNamesResponse replace(
            @PathParam("tenantId") @Pattern(regexp = ID_PATTERN) String tenantId,
            @PathParam("ownerId") @Pattern(regexp = ID_PATTERN) String ownerId,
            @NotNull @Valid ReplaceSecretsRequest request) {
        caller.requireTenant(tenantId);
        return SecretNamesResponse.from(secrets.replaceAll(
                tenantId,
                ownerId,
                request.secrets().stream()
                        .map(s -> new SecretInput(s.name(), s.value()))
                        .toList(),
                caller.name()));
    }

    @RolesAllowed(Scopes.READ_SECRETS)
    @GET
    @Path("/secrets")
    @Operation(summary = "List an owner's secret names")
    public SecretNamesResponse list(
            @PathParam("tenantId") @Pattern(regexp = ID_PATTERN) String tenantId,
            @PathParam("ownerId") @Pattern(regexp = ID_PATTERN) String ownerId) {
        caller.requireTenant(tenantId);
        return SecretNamesResponse.from(secrets.listNames(tenantId, ownerId));
    }

    @RolesAllowed(Scopes.WRITE_SECRETS)
    @PUT
    @Path("/secrets/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set one secret",
            description = "Creates the name or replaces its value; other secrets of the owner stay.")
    public SecretNamesResponse.Item upsert(
            @PathParam("tenantId") @Pattern(regexp = ID_PATTERN) String tenantId,
            @PathParam("ownerId") @Pattern(regexp = ID_PATTERN) String ownerId,
            @PathParam("name") @Pattern(regexp = NAME_PATTERN) String name,
            @NotNull @Valid SetSecretRequest request) {
        caller.requireTenant(tenantId);
        var stored = secrets.upsert(tenantId, ownerId, new SecretInput(name, request.value()), caller.name());
        return new SecretNamesResponse.Item(stored.name(), stored.updatedAt());
    }

    @RolesAllowed(Scopes.WRITE_SECRETS)
    @DELETE
    @Path("/secrets/{name}")
    @Operation(summary = "Delete one secret")
    public void deleteOne(
            @PathParam("tenantId") @Pattern(regexp = ID_PATTERN) String tenantId,
            @PathParam("ownerId") @Pattern(regexp = ID_PATTERN) String ownerId,
            @PathParam("name") @Pattern(regexp = NAME_PATTERN) String name) {
        caller.requireTenant(tenantId);
        if (!secrets.delete(tenantId, ownerId, name, caller.name())) {
            throw new NotFoundException();
        }
    }

    @RolesAllowed(Scopes.DECRYPT_SECRETS)
    @POST
    @Path("/secrets/decrypt")
    @Operation(summary = "Decrypt an owner's secrets (executor only)")
    public DecryptedSecretsResponse decrypt(
            @PathParam("tenantId") @Pattern(regexp = ID_PATTERN) String tenantId,
            @PathParam("ownerId") @Pattern(regexp = ID_PATTERN) String ownerId) {
        caller.requireTenant(tenantId);
        return new DecryptedSecretsResponse(secrets.decryptAll(tenantId, ownerId, caller.name()));
    }

    @RolesAllowed(Scopes.WRITE_SECRETS)
    @DELETE
    @Operation(summary = "Delete all secrets of an owner")
    public void deleteOwner(
            @PathParam("tenantId") @Pattern(regexp = ID_PATTERN) String tenantId,
            @PathParam("ownerId") @Pattern(regexp = ID_PATTERN) String ownerId) {
        caller.requireTenant(tenantId);
        secrets.deleteOwner(tenantId, ownerId, caller.name());
    }
}
