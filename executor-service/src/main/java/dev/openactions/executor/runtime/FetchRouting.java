package dev.openactions.executor.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Operator routing of actions' outbound requests, under {@code executor.fetch.*}: for tests and
 * demos, a public host name answered by a local stand-in (an SES-compatible endpoint, a mail API).
 * Empty in production.
 */
@ConfigMapping(prefix = "executor.fetch")
public interface FetchRouting {

    /**
     * curl's {@code --connect-to}: entries {@code host:port:target-host:target-port}. Requests of
     * actions to {@code host:port} connect to the target instead, keeping the URL, the {@code Host}
     * header and TLS server name of {@code host} (the target's certificate must be valid for
     * {@code host}, see {@link #extraTrustStore}). Refused at startup when {@code host} is an address
     * the SSRF rules forbid, or when the target is internal and not in {@code allowed-private-hosts}.
     */
    Optional<List<String>> connectTo();

    /** A PKCS#12 trust store added to the JDK's CAs for routed requests only (a stand-in's own CA). */
    Optional<Path> extraTrustStore();

    /** Password of {@link #extraTrustStore}, if it has one. */
    Optional<String> extraTrustStorePassword();

    /** Type of {@link #extraTrustStore}. */
    @WithDefault("PKCS12")
    String extraTrustStoreType();
}
