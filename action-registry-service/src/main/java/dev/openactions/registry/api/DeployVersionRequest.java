package dev.openactions.registry.api;

/** Body of {@code POST /api/v2/actions/actions/{actionId}/versions/{id}/deploy} (optional). */
public record DeployVersionRequest(Boolean updateDraft) {}
