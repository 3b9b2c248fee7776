package dev.openactions.registry.domain;

/** An npm dependency of an action. */
public record Dependency(String name, String version) {
}
