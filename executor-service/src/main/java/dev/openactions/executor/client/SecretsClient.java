package dev.openactions.executor.client;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** secrets-service's decrypt operation, which only the executor may call. */
@RegisterRestClient(configKey = "secrets-service")
@Path("/internal/v1/tenants/{tenantId}/owners/{ownerId}/secrets/decrypt")
@Produces(MediaType.APPLICATION_JSON)
public interface SecretsClient {

    @POST
    Decrypted decrypt(@PathParam("tenantId") String tenantId, @PathParam("ownerId") String ownerId);

    record Decrypted(Map<String, String> secrets) {
        @Override
        public String toString() {
            return "Decrypted[names=" + (secrets == null ? "[]" : secrets.keySet()) + "]";
        }
    }
}
