package dev.openactions.registry.marketplace;

import java.util.List;

/**
 * What a customer must supply to an integration version, and what it may reach. Secrets are stored
 * encrypted by secrets-service and read as {@code event.secrets.X}; configuration values are plain,
 * editable and read as {@code event.configuration.X}. A configuration field named {@link #DEBUG} is
 * the debug switch by convention: "true" keeps the action's whole console output in execution records.
 */
public record Manifest(List<Field> secrets, List<Field> configuration, Capabilities capabilities) {
    public static final String DEBUG = "DEBUG";

    public Manifest {
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        configuration = configuration == null ? List.of() : List.copyOf(configuration);
        capabilities = capabilities == null ? new Capabilities(List.of()) : capabilities;
    }

    /** One field; {@code defaultValue} only for configuration, {@code options} makes it a select. */
    public record Field(
            String name,
            String label,
            String description,
            Boolean required,
            String defaultValue,
            List<String> options) {

        public boolean mandatory() {
            return Boolean.TRUE.equals(required);
        }
    }

    /** What the action may do beyond computing: the hosts it may call (shown in the catalog, for the executor to enforce). */
    public record Capabilities(List<String> outboundHosts) {
        public Capabilities {
            outboundHosts = outboundHosts == null ? List.of() : List.copyOf(outboundHosts);
        }
    }
}
