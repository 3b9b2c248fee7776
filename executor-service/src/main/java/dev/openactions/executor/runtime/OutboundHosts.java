package dev.openactions.executor.runtime;

import java.util.List;
import java.util.Locale;

/**
 * The outbound hosts an installed marketplace integration declared in its manifest's capabilities:
 * the executor refuses any other host for that action, on every hop (redirects included), on top of
 * the SSRF rules. An entry is a host name ({@code api.example.com}) or {@code *.example.com} for its
 * subdomains; matching ignores case.
 */
record OutboundHosts(List<String> allowed) {

    static OutboundHosts of(List<String> allowed) {
        return allowed == null
                ? null
                : new OutboundHosts(allowed.stream()
                        .map(h -> h.trim().toLowerCase(Locale.ROOT))
                        .toList());
    }

    boolean permits(String host) {
        String candidate = host == null ? "" : host.toLowerCase(Locale.ROOT);
        for (String entry : allowed) {
            if (entry.startsWith("*.") ? candidate.endsWith(entry.substring(1)) : candidate.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    String refusal(String host) {
        return "requests to " + host + " are outside this integration's capabilities (allowed: "
                + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + ")";
    }
}
