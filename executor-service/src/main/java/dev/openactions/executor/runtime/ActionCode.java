package dev.openactions.executor.runtime;

import dev.openactions.executor.runtime.npm.LoadedBundle;
import java.util.List;

/**
 * The code of one deployed action version; the source name shows in stack traces. {@code bundle} is
 * the version's npm dependency tree (null without dependencies). {@code outboundHosts}: the hosts an
 * installed marketplace integration's capabilities let it call ({@code *.} allows subdomains); null
 * for a custom action, which the SSRF rules alone restrict.
 */
public record ActionCode(
        String actionId,
        String actionName,
        int versionNumber,
        String code,
        LoadedBundle bundle,
        List<String> outboundHosts) {

    /** An action without npm dependencies. */
    public ActionCode(String actionId, String actionName, int versionNumber, String code) {
        this(actionId, actionName, versionNumber, code, null, null);
    }

    /** A custom action (no capabilities to enforce). */
    public ActionCode(String actionId, String actionName, int versionNumber, String code, LoadedBundle bundle) {
        this(actionId, actionName, versionNumber, code, bundle, null);
    }

    String sourceName() {
        return "action:" + actionName + "@" + versionNumber + ".js";
    }
}
