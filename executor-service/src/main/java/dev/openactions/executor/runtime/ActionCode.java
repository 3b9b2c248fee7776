package dev.openactions.executor.runtime;

/** The code of one deployed action version; the source name shows in stack traces. */
public record ActionCode(String actionId, String actionName, int versionNumber, String code) {
    String sourceName() {
        return "action:" + actionName + "@" + versionNumber + ".js";
    }
}
