package dev.openactions.secrets.keys;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Probes the key backend off the request path, every few seconds, so that readiness answers
 * instantly (health checks run on an I/O thread, where a blocking Vault call is not allowed) and
 * Vault is not asked once per probe of every kubelet.
 */
@ApplicationScoped
public class KeyProviderProbe {
    private static final Logger LOG = Logger.getLogger(KeyProviderProbe.class);

    private final KeyProvider keys;
    private volatile boolean available;
    private volatile boolean probed;

    KeyProviderProbe(KeyProvider keys) {
        this.keys = keys;
    }

    void onStart(@Observes StartupEvent event) {
        probe();
    }

    @Scheduled(every = "${secrets.health.probe-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        boolean now;
        String reason = null;
        try {
            now = keys.isAvailable();
        } catch (RuntimeException e) {
            now = false;
            reason = e.getMessage();
        }
        if (!probed || now != available) {
            if (now) {
                LOG.info(probed ? "The key backend is available again" : "The key backend is available");
            } else {
                LOG.warnf("The key backend is unavailable%s", reason == null ? "" : ": " + reason);
            }
        }
        available = now;
        probed = true;
    }

    public boolean available() {
        return available;
    }
}
