package dev.openactions.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openactions.registry.domain.RegistryException;
import dev.openactions.registry.domain.SecretRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Stores action secrets in secrets-service and turns its failures into registry errors: a refusal
 * of the values becomes a 400 for the tenant, an outage a 503 that changed nothing.
 */
@ApplicationScoped
public class SecretsGateway {
    private static final Logger LOG = Logger.getLogger(SecretsGateway.class);

    private final SecretsClient client;

    SecretsGateway(@RestClient SecretsClient client) {
        this.client = client;
    }

    /** Replaces the owner's set; a null value keeps the stored one. Returns the names now stored. */
    public List<SecretRef> replace(String tenantId, String ownerId, List<SecretsClient.ReplaceSecrets.Item> secrets) {
        try {
            return client.replace(tenantId, ownerId, new SecretsClient.ReplaceSecrets(secrets)).secrets().stream()
                    .map(n -> new SecretRef(n.name(), n.updatedAt()))
                    .toList();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 400 || status == 422) {
                throw new RegistryException.Invalid("the secrets were refused: " + problemDetail(e));
            }
            LOG.warnf("secrets-service answered %d when storing secrets of %s/%s", status, tenantId, ownerId);
            throw unavailable();
        } catch (ProcessingException e) {
            LOG.warnf(
                    "secrets-service unreachable when storing secrets of %s/%s: %s", tenantId, ownerId, e.getMessage());
            throw unavailable();
        }
    }

    /** Best effort: used to clean up after a failed create and when an action is deleted. */
    public void deleteOwner(String tenantId, String ownerId) {
        try {
            client.deleteOwner(tenantId, ownerId);
        } catch (WebApplicationException | ProcessingException e) {
            LOG.warnf(
                    "Could not delete secrets of %s/%s (they are orphaned until deleted): %s",
                    tenantId, ownerId, e.getMessage());
        }
    }

    private static String problemDetail(WebApplicationException e) {
        try {
            var node = e.getResponse().readEntity(JsonNode.class);
            return node.path("detail").asText("invalid secrets");
        } catch (RuntimeException unreadable) {
            return "invalid secrets";
        }
    }

    private static RegistryException unavailable() {
        return new RegistryException.DependencyUnavailable(
                "the secrets store is unavailable; nothing was changed, try again shortly");
    }
}
