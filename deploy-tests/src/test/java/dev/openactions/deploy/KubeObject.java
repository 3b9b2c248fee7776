package dev.openactions.deploy;

import com.fasterxml.jackson.databind.JsonNode;

/** One rendered Kubernetes object. */
record KubeObject(JsonNode node) {

    String apiVersion() {
        return node.path("apiVersion").asText("");
    }

    String kind() {
        return node.path("kind").asText("");
    }

    String name() {
        return node.path("metadata").path("name").asText("");
    }

    String namespace() {
        return node.path("metadata").path("namespace").asText("");
    }

    /** API group, empty for the core group ("v1"). */
    String group() {
        String apiVersion = apiVersion();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    String version() {
        String apiVersion = apiVersion();
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    JsonNode spec() {
        return node.path("spec");
    }

    String label(String key) {
        return node.path("metadata").path("labels").path(key).asText(null);
    }

    boolean is(String kind, String name) {
        return kind().equals(kind) && name().equals(name);
    }

    @Override
    public String toString() {
        return kind() + " " + (namespace().isEmpty() ? "" : namespace() + "/") + name() + " (" + apiVersion() + ")";
    }
}
