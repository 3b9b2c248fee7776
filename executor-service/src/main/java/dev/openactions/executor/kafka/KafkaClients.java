package dev.openactions.executor.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place the executor builds raw Kafka clients, the ones the messaging connector does not
 * manage (the flow view's reader, the dead-letter reader and replayer, topic administration and the
 * dead-letter gauge): each gets the broker address and the connection security from here, so no
 * caller can forget SASL/TLS. Keys and values are strings everywhere.
 */
@ApplicationScoped
public class KafkaClients {
    private final String bootstrapServers;
    private final KafkaSecurity security;

    KafkaClients(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, KafkaSecurity security) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    /** A consumer with these settings; the caller closes it. */
    public KafkaConsumer<String, String> consumer(Map<String, Object> settings) {
        return new KafkaConsumer<>(settings(settings), new StringDeserializer(), new StringDeserializer());
    }

    /** A producer with these settings; the caller closes it. */
    public KafkaProducer<String, String> producer(Map<String, Object> settings) {
        return new KafkaProducer<>(settings(settings), new StringSerializer(), new StringSerializer());
    }

    /** An admin client with these settings; the caller closes it. */
    public Admin admin(Map<String, Object> settings) {
        return Admin.create(settings(settings));
    }

    /** The client's own settings over the broker address over the connection security: the client's win. */
    Map<String, Object> settings(Map<String, Object> client) {
        Map<String, Object> own = new HashMap<>();
        own.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        own.putAll(client);
        return security.with(own);
    }
}
