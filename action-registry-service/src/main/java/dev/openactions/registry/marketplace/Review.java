package dev.openactions.registry.marketplace;

import java.time.Instant;

/** A reviewer's decision on a version, with the comment the partner reads. */
public record Review(String decision, String comment, String reviewer, Instant decidedAt) {}
