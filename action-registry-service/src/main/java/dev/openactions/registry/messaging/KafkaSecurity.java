package dev.openactions.registry.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The connection security of the service's Kafka settings ({@code security.protocol}, {@code sasl.*},
 * {@code ssl.*}: SASL_SSL with SCRAM and the cluster CA in production, from {@code KAFKA_*} variables),
 * for the Kafka clients the registry creates itself (topic administration),
 * which do not go through the messaging connector that applies them on its own. Blank values are
 * dropped (an unset {@code KAFKA_*} variable expands to ""). A copy in each service on purpose (ADR 17):
 * {@code test-support}'s {@code KafkaSecurityContract} pins one behaviour for all of them.
 */
@ApplicationScoped
public class KafkaSecurity {
    private final Map<String, Object> settings;

    KafkaSecurity(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.settings = securityOnly(kafka);
    }

    static Map<String, Object> securityOnly(Map<String, Object> kafka) {
        Map<String, Object> security = new HashMap<>();
        kafka.forEach((key, value) -> {
            if ((key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl."))
                    && value != null
                    && !value.toString().isBlank()) {
                security.put(key, value);
            }
        });
        return Map.copyOf(security);
    }

    /** These client settings plus the connection security. */
    public Map<String, Object> with(Map<String, Object> client) {
        Map<String, Object> merged = new HashMap<>(settings);
        merged.putAll(client);
        return merged;
    }

    /** Adds the connection security to these client properties. */
    public Properties into(Properties client) {
        settings.forEach(client::putIfAbsent);
        return client;
    }
}
