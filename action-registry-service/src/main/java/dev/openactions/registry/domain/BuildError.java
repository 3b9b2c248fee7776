package dev.openactions.registry.domain;

/** A build error of a version, in Auth0's shape. */
public record BuildError(String id, String msg, String url) {}
