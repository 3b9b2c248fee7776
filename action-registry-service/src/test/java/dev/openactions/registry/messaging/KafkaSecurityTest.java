package dev.openactions.registry.messaging;

import dev.openactions.testsupport.contract.KafkaSecurityContract;
import java.util.Map;
import java.util.Properties;

/** The registry's copy of the Kafka connection security behaves as every service's copy must. */
class KafkaSecurityTest extends KafkaSecurityContract {

    @Override
    protected Map<String, Object> clientSettings(Map<String, Object> kafka, Map<String, Object> client) {
        return new KafkaSecurity(kafka).with(client);
    }

    @Override
    protected Properties clientProperties(Map<String, Object> kafka, Properties client) {
        return new KafkaSecurity(kafka).into(client);
    }
}
