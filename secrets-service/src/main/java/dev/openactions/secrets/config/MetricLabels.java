package dev.openactions.secrets.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * Keeps attacker-chosen request lines out of the HTTP server metrics: a method outside the standard
 * set is labelled {@code OTHER}, and a path that is not a route template of this service (nothing
 * matched it) is labelled {@code UNMATCHED}. Otherwise every probe of a random path or verb would
 * create a new time series.
 */
public class MetricLabels {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Set<String> SYNTHETIC = Set.of("NOT_FOUND", "REDIRECTION", "UNMATCHED", "/unmatched", "root");

    @Produces
    @Singleton
    MeterFilter boundedHttpLabels() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("http.server.")) {
                    return id;
                }
                List<Tag> tags =
                        id.getTags().stream().map(MetricLabels::bounded).toList();
                return id.replaceTags(tags);
            }
        };
    }

    static Tag bounded(Tag tag) {
        return switch (tag.getKey()) {
            case "method" -> METHODS.contains(tag.getValue()) ? tag : Tag.of("method", "OTHER");
            case "uri" ->
                SYNTHETIC.contains(tag.getValue())
                                || tag.getValue().startsWith("/api/")
                                || tag.getValue().startsWith("/q/")
                        ? tag
                        : Tag.of("uri", "UNMATCHED");
            default -> tag;
        };
    }
}
