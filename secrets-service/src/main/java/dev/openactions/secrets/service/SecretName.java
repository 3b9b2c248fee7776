package dev.openactions.secrets.service;

import java.time.Instant;

/** A stored secret's name and when its value last changed; the only thing ever listed. */
public record SecretName(String name, Instant updatedAt) {}
