package dev.openactions.partnerkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openactions.npm.NpmDependency;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An integration as a partner keeps it in a directory, each file in the partner API's format:
 * {@code integration.json} (the body of {@code POST /api/v1/partner/integrations}: {@code trigger_id}
 * and {@code listing}), {@code action.js} (the code), {@code manifest.json} and
 * {@code test-cases.json} (a version's {@code manifest} and {@code test_cases}), and, when the code
 * {@code require}s npm packages, {@code dependencies.json} (a version's {@code dependencies}:
 * {@code [{name, version, registry_url?}]}, versions as ranges, exact versions or dist-tags).
 */
record IntegrationDirectory(
        Path path,
        String triggerId,
        String name,
        String code,
        List<NpmDependency> dependencies,
        Manifest manifest,
        List<TestCase> testCases) {

    static final String INTEGRATION = "integration.json";
    static final String CODE = "action.js";
    static final String MANIFEST = "manifest.json";
    static final String TEST_CASES = "test-cases.json";
    static final String DEPENDENCIES = "dependencies.json";

    /** What the partner API accepts per version (the registry's {@code registry.limits.max-dependencies} default). */
    static final int MAX_DEPENDENCIES = 10;

    /** A directory the kit cannot run: the message says which file and why. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    static IntegrationDirectory read(Path directory, ObjectMapper json) throws Invalid {
        if (!Files.isDirectory(directory)) {
            throw new Invalid(directory + " is not a directory");
        }
        JsonNode integration = readJson(directory, INTEGRATION, json);
        String triggerId = integration.path("trigger_id").asText("");
        if (triggerId.isBlank()) {
            throw new Invalid(INTEGRATION + ": trigger_id is required");
        }
        String name = integration.path("listing").path("name").asText("integration");
        String code = readText(directory, CODE);
        Manifest manifest;
        List<TestCase> testCases;
        try {
            manifest = json.treeToValue(readJson(directory, MANIFEST, json), Manifest.class);
            testCases =
                    json.convertValue(readJson(directory, TEST_CASES, json), new TypeReference<List<TestCase>>() {});
        } catch (IOException | IllegalArgumentException e) {
            throw new Invalid("the manifest or the test cases do not have the partner API's format: " + e.getMessage());
        }
        if (testCases == null || testCases.isEmpty()) {
            throw new Invalid(TEST_CASES + ": at least one test case is needed");
        }
        for (int i = 0; i < testCases.size(); i++) {
            TestCase testCase = testCases.get(i);
            if (testCase.event() == null || !testCase.event().isObject()) {
                throw new Invalid(TEST_CASES + ": test case " + (i + 1) + " needs an event object");
            }
        }
        List<NpmDependency> dependencies = Files.exists(directory.resolve(DEPENDENCIES))
                ? dependencies(readJson(directory, DEPENDENCIES, json))
                : List.of();
        return new IntegrationDirectory(directory, triggerId, name, code, dependencies, manifest, testCases);
    }

    private static List<NpmDependency> dependencies(JsonNode list) throws Invalid {
        if (!list.isArray()) {
            throw new Invalid(DEPENDENCIES + ": must be an array of {name, version, registry_url?}");
        }
        if (list.size() > MAX_DEPENDENCIES) {
            throw new Invalid(DEPENDENCIES + ": at most " + MAX_DEPENDENCIES + " dependencies");
        }
        List<NpmDependency> dependencies = new ArrayList<>();
        for (JsonNode entry : list) {
            String name = entry.path("name").asText("");
            String version = entry.path("version").asText("");
            if (name.isBlank() || version.isBlank()) {
                throw new Invalid(DEPENDENCIES + ": every dependency needs a name and a version (" + entry + ")");
            }
            // as the partner API keeps it: a registry_url given is checked against the allowed registries
            String registryUrl =
                    entry.hasNonNull("registry_url") ? entry.get("registry_url").asText() : null;
            dependencies.add(new NpmDependency(name, version, registryUrl));
        }
        return List.copyOf(dependencies);
    }

    private static JsonNode readJson(Path directory, String file, ObjectMapper json) throws Invalid {
        try {
            return json.readTree(readText(directory, file));
        } catch (JsonProcessingException e) {
            throw new Invalid(file + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String readText(Path directory, String file) throws Invalid {
        Path path = directory.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new Invalid(file + " is missing from " + directory);
        }
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Invalid(file + " cannot be read: " + e.getMessage());
        }
    }
}
