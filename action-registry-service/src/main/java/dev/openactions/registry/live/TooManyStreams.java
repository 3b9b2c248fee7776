package dev.openactions.registry.live;

import jakarta.ws.rs.WebApplicationException;

/** The tenant already holds live.max-streams-per-tenant open streams on this replica: 429 (problem+json). */
class TooManyStreams extends WebApplicationException {
    TooManyStreams() {
        super(429);
    }
}
