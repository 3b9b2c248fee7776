package dev.openactions.partnerkit;

import java.util.List;

/**
 * The manifest of an integration version, in the partner API's format: the secrets and configuration
 * a customer supplies, and the hosts the action may call. The kit reads the capabilities (requests to
 * other hosts are refused, as for an installed integration) and the field names (to tell a partner
 * about test cases that use undeclared fields).
 */
public record Manifest(List<Field> secrets, List<Field> configuration, Capabilities capabilities) {

    public Manifest {
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        configuration = configuration == null ? List.of() : List.copyOf(configuration);
        capabilities = capabilities == null ? new Capabilities(List.of()) : capabilities;
    }

    public record Field(
            String name,
            String label,
            String description,
            Boolean required,
            String defaultValue,
            List<String> options) {}

    public record Capabilities(List<String> outboundHosts) {
        public Capabilities {
            outboundHosts = outboundHosts == null ? List.of() : List.copyOf(outboundHosts);
        }
    }
}
