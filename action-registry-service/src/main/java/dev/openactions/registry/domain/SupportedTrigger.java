package dev.openactions.registry.domain;

/** A trigger an action is written for, as Auth0 names it ({@code {"id":"post-login","version":"v3"}}). */
public record SupportedTrigger(String id, String version) {}
