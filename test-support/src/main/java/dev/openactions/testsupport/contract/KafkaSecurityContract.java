package dev.openactions.testsupport.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * One behaviour for every service's copy of {@code KafkaSecurity}: the connection security of the
 * connector's {@code kafka.*} settings ({@code security.*}, {@code sasl.*}, {@code ssl.*}) goes into
 * the Kafka clients a service builds itself; blank and null values are dropped (an unset
 * {@code KAFKA_SSL_KEYSTORE_LOCATION} expands to "" and would make the client look for a keystore at
 * ""); nothing else is copied; the client's own settings win. A service runs it by extending this
 * class in a plain unit test and handing its copy to the two methods below.
 */
public abstract class KafkaSecurityContract {

    /** What the service's copy builds from these connector settings for a client with these settings (map form). */
    protected abstract Map<String, Object> clientSettings(Map<String, Object> kafka, Map<String, Object> client);

    /** The same, for clients configured with {@link Properties}. */
    protected abstract Properties clientProperties(Map<String, Object> kafka, Properties client);

    private static Map<String, Object> production() {
        Map<String, Object> kafka = new HashMap<>();
        kafka.put("bootstrap.servers", "broker:9093");
        kafka.put("security.protocol", "SASL_SSL");
        kafka.put("sasl.mechanism", "SCRAM-SHA-512");
        kafka.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";");
        kafka.put("ssl.truststore.type", "PEM");
        kafka.put("ssl.truststore.location", "/etc/openactions/kafka-ca/ca.crt");
        kafka.put("ssl.keystore.location", "");
        kafka.put("ssl.keystore.password", "   ");
        kafka.put("ssl.key.password", null);
        kafka.put("group.id", "whatever");
        kafka.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        return kafka;
    }

    @Test
    void copiesTheConnectionSecurityAndNothingElse() {
        Map<String, Object> settings = clientSettings(production(), Map.of("client.id", "c1"));
        assertEquals(
                Map.of(
                        "security.protocol",
                        "SASL_SSL",
                        "sasl.mechanism",
                        "SCRAM-SHA-512",
                        "sasl.jaas.config",
                        production().get("sasl.jaas.config"),
                        "ssl.truststore.type",
                        "PEM",
                        "ssl.truststore.location",
                        "/etc/openactions/kafka-ca/ca.crt",
                        "client.id",
                        "c1"),
                settings);
    }

    @Test
    void dropsBlankAndNullValues() {
        Map<String, Object> settings = clientSettings(production(), Map.of());
        assertFalse(settings.containsKey("ssl.keystore.location"), "empty value kept");
        assertFalse(settings.containsKey("ssl.keystore.password"), "blank value kept");
        assertFalse(settings.containsKey("ssl.key.password"), "null value kept");
        Properties properties = clientProperties(production(), new Properties());
        assertFalse(properties.containsKey("ssl.keystore.location"), "empty value kept in properties");
        assertFalse(properties.containsKey("ssl.keystore.password"), "blank value kept in properties");
    }

    @Test
    void theClientsOwnSettingsWin() {
        Map<String, Object> settings =
                clientSettings(production(), Map.of("bootstrap.servers", "other:9093", "security.protocol", "SSL"));
        assertEquals("other:9093", settings.get("bootstrap.servers"));
        assertEquals("SSL", settings.get("security.protocol"));
        Properties client = new Properties();
        client.put("security.protocol", "SSL");
        client.put("client.id", "c1");
        Properties properties = clientProperties(production(), client);
        assertEquals("SSL", properties.get("security.protocol"));
        assertEquals("c1", properties.get("client.id"));
        assertEquals("SCRAM-SHA-512", properties.get("sasl.mechanism"));
    }

    @Test
    void addsOnlyTheProtocolWhenKafkaIsPlaintext() {
        assertEquals(
                Map.of("security.protocol", "PLAINTEXT"),
                clientSettings(
                        Map.of("bootstrap.servers", "localhost:9092", "security.protocol", "PLAINTEXT"), Map.of()));
        assertEquals(Map.of(), clientSettings(Map.of("bootstrap.servers", "localhost:9092"), Map.of()));
    }
}
