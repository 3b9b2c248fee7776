package dev.openactions.registry.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A partner's success-path test case: an event with configuration and secret values, and what the
 * action must do. {@code expect.commands} must each appear among the commands issued (matched by
 * {@code type} and the given {@code args}); {@code expect.effects} must be contained in the effects;
 * {@code expect.status} defaults to {@code completed}.
 */
public record TestCase(
        String name,
        JsonNode event,
        Map<String, String> configuration,
        Map<String, String> secrets,
        Expectation expect) {

    public TestCase {
        configuration = configuration == null ? Map.of() : Map.copyOf(configuration);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        expect = expect == null ? new Expectation(null, List.of(), null) : expect;
    }

    public record Expectation(String status, List<JsonNode> commands, JsonNode effects) {
        public Expectation {
            commands = commands == null ? List.of() : List.copyOf(commands);
        }
    }

    /** The same case with every secret value replaced by {@code ***} (for responses). */
    public TestCase redacted() {
        Map<String, String> names = new TreeMap<>();
        secrets.keySet().forEach(name -> names.put(name, "***"));
        return new TestCase(name, event, configuration, names, expect);
    }

    @Override
    public String toString() {
        return "TestCase[name=" + name + ", secrets=" + secrets.keySet() + "]";
    }
}
