package dev.openactions.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.testsupport.contract.KafkaSecurityContract;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The executor's own Kafka clients get the connection security the environment configures, and
 * nothing else; the contract every service's copy runs is inherited.
 */
class KafkaSecurityTest extends KafkaSecurityContract {

    @Override
    protected Map<String, Object> clientSettings(Map<String, Object> kafka, Map<String, Object> client) {
        return new KafkaSecurity(kafka).with(client);
    }

    @Override
    protected Properties clientProperties(Map<String, Object> kafka, Properties client) {
        return new KafkaSecurity(kafka).into(client);
    }

    @Test
    void passesSaslAndTlsSettingsToTheClientsItBuildsAndLeavesTheirOwnSettingsAlone() {
        KafkaSecurity security = new KafkaSecurity(Map.of(
                "bootstrap.servers", "broker:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"x\" password=\"y\";",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/openactions/kafka-ca/ca.crt",
                "ssl.keystore.location", "",
                "group.id", "whatever"));

        Map<String, Object> admin =
                security.with(Map.of("bootstrap.servers", "other:9093", "default.api.timeout.ms", 10_000));
        assertThat(admin)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("bootstrap.servers", "other:9093")
                .containsKey("sasl.jaas.config")
                .doesNotContainKey("group.id")
                .doesNotContainKey("ssl.keystore.location");

        Properties consumer = new Properties();
        consumer.put("client.id", "c1");
        security.into(consumer);
        assertThat(consumer).containsEntry("security.protocol", "SASL_SSL").containsEntry("client.id", "c1");
    }

    @Test
    void addsNothingWhenKafkaIsPlaintext() {
        assertThat(new KafkaSecurity(Map.of("bootstrap.servers", "localhost:9092", "security.protocol", "PLAINTEXT"))
                        .with(Map.of()))
                .containsOnlyKeys("security.protocol");
    }
}
