package dev.openactions.executor.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Decrypted secrets of an action, fetched for each execution from secrets-service. Fails closed:
 * when the values cannot be had, the action does not run.
 */
@ApplicationScoped
public class SecretValues {
    private static final Logger LOG = Logger.getLogger(SecretValues.class);

    private final SecretsClient client;

    SecretValues(@RestClient SecretsClient client) {
        this.client = client;
    }

    /** @param expectedNames the names the deployed version declares; none means no call at all */
    public Map<String, String> forAction(String tenantId, String actionId, List<String> expectedNames) {
        if (expectedNames.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, String> values = client.decrypt(tenantId, actionId).secrets();
            return values == null ? Map.of() : values;
        } catch (WebApplicationException | ProcessingException e) {
            LOG.warnf("Secrets of action %s (tenant %s) unavailable: %s", actionId, tenantId, e.getMessage());
            throw new SecretsUnavailable();
        }
    }

    /** The secrets backend could not supply values; the flow fails closed. */
    public static final class SecretsUnavailable extends RuntimeException {
        public SecretsUnavailable() {
            super("the action's secrets are unavailable");
        }
    }
}
