package dev.openactions.npm;

/**
 * An npm dependency to resolve, or as resolved: {@code version} is what was asked (an exact version, a
 * range or a dist-tag such as {@code latest}) or, once pinned, the exact version chosen.
 * {@code registryUrl} names a private registry (one of {@code registry.npm.allowed-registries}); null
 * means {@code registry.npm.url}.
 */
public record NpmDependency(String name, String version, String registryUrl) {}
