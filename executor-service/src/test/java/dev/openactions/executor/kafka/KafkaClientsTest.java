package dev.openactions.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every raw client gets the broker address and the connection security from the one factory; its own settings win. */
class KafkaClientsTest {
    private final KafkaClients clients = new KafkaClients(
            "broker:9093",
            new KafkaSecurity(Map.of(
                    "bootstrap.servers",
                    "ignored:1",
                    "security.protocol",
                    "SASL_SSL",
                    "sasl.mechanism",
                    "SCRAM-SHA-512",
                    "ssl.truststore.type",
                    "PEM",
                    "group.id",
                    "not-for-raw-clients")));

    @Test
    void aClientGetsTheBrokerAddressAndTheConnectionSecurity() {
        assertThat(clients.settings(Map.of("client.id", "c1")))
                .containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("client.id", "c1")
                .doesNotContainKey("group.id");
    }

    @Test
    void aClientsOwnSettingsWin() {
        assertThat(clients.settings(Map.of("security.protocol", "SSL", "bootstrap.servers", "elsewhere:9093")))
                .containsEntry("security.protocol", "SSL")
                .containsEntry("bootstrap.servers", "elsewhere:9093");
    }
}
