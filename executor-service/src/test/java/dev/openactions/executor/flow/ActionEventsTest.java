package dev.openactions.executor.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each action's event: the flow's event, serialized once, with that action's secrets and configuration. */
class ActionEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void addsTheActionsSecretsAndAnEmptyConfiguration() throws Exception {
        ObjectNode flowEvent = event("""
                {"user":{"user_id":"auth0|1","app_metadata":{"plan":"pro"}},"request":{"ip":"198.51.100.7"},"tenant":{"id":"t"}}""");
        ActionEvents events = new ActionEvents(flowEvent);

        JsonNode first = JSON.readTree(events.forAction(Map.of("API_KEY", "k-1"), null));
        JsonNode second = JSON.readTree(events.forAction(Map.of(), null));

        assertThat(first).isEqualTo(expected(flowEvent, Map.of("API_KEY", "k-1"), null));
        assertThat(first.at("/secrets/API_KEY").asText()).isEqualTo("k-1");
        assertThat(first.get("configuration")).isEqualTo(JSON.createObjectNode());
        assertThat(second.get("secrets")).isEqualTo(JSON.createObjectNode());
        assertThat(second.at("/user/app_metadata/plan").asText()).isEqualTo("pro");
    }

    @Test
    void anInstalledIntegrationSeesItsCustomersConfigurationNotTheEventsOwn() throws Exception {
        ObjectNode flowEvent = event("""
                {"user":{"user_id":"auth0|1"},"configuration":{"FROM_CALLER":"x"}}""");
        ActionEvents events = new ActionEvents(flowEvent);

        JsonNode custom = JSON.readTree(events.forAction(Map.of(), null));
        JsonNode installed = JSON.readTree(events.forAction(Map.of(), Map.of("REGION", "eu")));

        assertThat(custom).isEqualTo(expected(flowEvent, Map.of(), null));
        assertThat(custom.at("/configuration/FROM_CALLER").asText()).isEqualTo("x");
        assertThat(installed).isEqualTo(expected(flowEvent, Map.of(), Map.of("REGION", "eu")));
        assertThat(installed.get("configuration")).isEqualTo(JSON.readTree("{\"REGION\":\"eu\"}"));
    }

    @Test
    void valuesThatNeedEscapingStayExact() throws Exception {
        ObjectNode flowEvent = event("{}");
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("QUOTE", "a\"b\\c");
        secrets.put("LINES", "line 1\nline 2\u2028</script>");
        secrets.put("UNICODE", "clé 🔑");

        String json = new ActionEvents(flowEvent).forAction(secrets, Map.of("K", "v\"w"));

        JsonNode parsed = JSON.readTree(json);
        assertThat(parsed).isEqualTo(expected(flowEvent, secrets, Map.of("K", "v\"w")));
        assertThat(parsed.at("/secrets/LINES").asText()).isEqualTo("line 1\nline 2\u2028</script>");
    }

    @Test
    void aChangedFlowEventIsSerializedAgainForTheNextAction() throws Exception {
        ObjectNode flowEvent = event("{\"user\":{\"user_id\":\"auth0|1\"}}");
        ActionEvents events = new ActionEvents(flowEvent);
        events.forAction(Map.of(), null);

        flowEvent.putObject("transaction").putObject("metadata").put("step", "2");
        JsonNode stale = JSON.readTree(events.forAction(Map.of(), null));
        events.changed();
        JsonNode fresh = JSON.readTree(events.forAction(Map.of(), null));

        assertThat(stale.has("transaction"))
                .as("read once until told it changed")
                .isFalse();
        assertThat(fresh.at("/transaction/metadata/step").asText()).isEqualTo("2");
        assertThat(fresh).isEqualTo(expected(flowEvent, Map.of(), null));
    }

    /** What each action saw before: a deep copy of the flow's event with the members set on it. */
    private static JsonNode expected(
            ObjectNode flowEvent, Map<String, String> secrets, Map<String, String> installConfiguration) {
        ObjectNode copy = flowEvent.deepCopy();
        ObjectNode secretsNode = copy.putObject("secrets");
        secrets.forEach(secretsNode::put);
        if (installConfiguration != null) {
            ObjectNode configuration = copy.putObject("configuration");
            installConfiguration.forEach(configuration::put);
        } else if (!copy.has("configuration")) {
            copy.putObject("configuration");
        }
        return copy;
    }

    private static ObjectNode event(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }
}
