package dev.openactions.registry.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** secrets-service's internal API: the registry writes values there and keeps only names. */
@RegisterRestClient(configKey = "secrets-service")
@Path("/internal/v1/tenants/{tenantId}/owners/{ownerId}")
@Produces(MediaType.APPLICATION_JSON)
public interface SecretsClient {

    @PUT
    @Path("/secrets")
    @Consumes(MediaType.APPLICATION_JSON)
    SecretNames replace(
            @PathParam("tenantId") String tenantId, @PathParam("ownerId") String ownerId, ReplaceSecrets body);

    @DELETE
    void deleteOwner(@PathParam("tenantId") String tenantId, @PathParam("ownerId") String ownerId);

    record ReplaceSecrets(List<Item> secrets) {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Item(String name, String value) {
            @Override
            public String toString() {
                return "Item[name=" + name + ", value=" + (value == null ? "unchanged" : "***") + "]";
            }
        }
    }

    record SecretNames(List<Name> secrets) {
        public record Name(
                String name, @JsonProperty("updated_at") Instant updatedAt) {}
    }
}
