package dev.openactions.npm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where and how npm dependencies are resolved (ADR 12), under {@code registry.npm.*}: the registry
 * service's settings, which the partner test kit fills from its own options (ADR 18), defaults
 * included, so both resolve against the same registry unless told otherwise.
 */
@ConfigMapping(prefix = "registry.npm")
public interface NpmConfig {

    /** The npm registry that dependencies without a registry_url are resolved against (metadata and tarballs). */
    @WithDefault("https://registry.npmjs.org")
    URI url();

    /** Bearer token sent to {@code registry.npm.url} only (a private mirror); none by default. */
    Optional<String> authToken();

    /**
     * Other registries a dependency may name in its {@code registry_url} (base URLs, compared exactly
     * after removing a trailing slash). Empty by default: a tenant cannot make the registry fetch from
     * an address the operator did not list (SSRF).
     */
    Optional<List<URI>> allowedRegistries();

    /** Connect timeout for registry requests. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Timeout of one registry request (metadata or tarball), headers to last byte. */
    @WithDefault("30s")
    Duration requestTimeout();

    /** Largest package metadata document accepted, in bytes (abbreviated metadata of big packages runs to a few MB). */
    @WithDefault("33554432")
    long maxMetadataBytes();

    /** Largest tarball accepted, in bytes. */
    @WithDefault("33554432")
    long maxTarballBytes();

    /** Total bytes of all files in all tarballs of one tree once unpacked (kept or not); beyond it the build fails. */
    @WithDefault("134217728")
    long maxUnpackedBytes();

    /** Files kept in one tree's bundle (the files a CommonJS loader can read); beyond it the build fails. */
    @WithDefault("20000")
    int maxFiles();

    /** Packages in one resolved tree. */
    @WithDefault("500")
    int maxPackages();
}
