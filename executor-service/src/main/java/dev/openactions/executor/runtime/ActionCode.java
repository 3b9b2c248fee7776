package dev.openactions.executor.runtime;

import dev.openactions.executor.runtime.npm.LoadedBundle;

/**
 * The code of one deployed action version; the source name shows in stack traces. {@code bundle} is
 * the version's npm dependency tree (null without dependencies).
 */
public record ActionCode(String actionId, String actionName, int versionNumber, String code, LoadedBundle bundle) {

    /** An action without npm dependencies. */
    public ActionCode(String actionId, String actionName, int versionNumber, String code) {
        this(actionId, actionName, versionNumber, code, null);
    }

    String sourceName() {
        return "action:" + actionName + "@" + versionNumber + ".js";
    }
}
