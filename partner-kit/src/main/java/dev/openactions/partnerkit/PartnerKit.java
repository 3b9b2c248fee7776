package dev.openactions.partnerkit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.openactions.executor.api.TestRunResponse;
import dev.openactions.executor.runtime.coverage.LineCoverage;
import dev.openactions.npm.DependencyResolver;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The partner test kit: runs an integration's test cases on this machine on the executor's own
 * engine (its sandbox, host functions, command checks, redaction and coverage instrument, assembled
 * without Kafka, PostgreSQL or secrets-service), judges them as the review does, and prints the
 * results in the format recorded at submission (JSON on standard output, a summary on standard
 * error). An integration's npm dependencies are resolved first, by the platform's own resolver, and
 * loaded by the executor's loader. Exit code 0 when every case passed, 1 when one failed, 2 when the
 * directory, its dependencies or the arguments cannot be used.
 */
public final class PartnerKit {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int UNUSABLE = 2;

    /** The npm registry to resolve against (else the platform's default, {@code registry.npm.url}). */
    static final String NPM_REGISTRY_ENV = "OPENACTIONS_NPM_REGISTRY";
    /** A bearer token for that registry only (an environment variable: a command line is visible to others). */
    static final String NPM_TOKEN_ENV = "OPENACTIONS_NPM_TOKEN";

    private static final String USAGE = """
            usage: openactions-partner-kit [options] <integration directory>
              runs the test cases of test-cases.json against action.js as the platform's review does
              --connect-to HOST:PORT:TARGET:PORT  send the action's requests for HOST:PORT to a local stand-in of your API
                                                  (keeps the URL, Host header and TLS name; as curl's --connect-to)
              --trust-store FILE                  PKCS#12 trust store with the stand-in's certificate
              --trust-store-password PASSWORD     its password
              --allow-private-host HOST           let requests reach HOST although it is internal (localhost, 10.x, ...)
              --npm-registry URL                  resolve dependencies.json against this npm registry (a mirror; default:
                                                  the platform's default registry; or $OPENACTIONS_NPM_REGISTRY)
              --npm-allowed-registry URL          a registry a dependency may name in registry_url (as the platform's
                                                  operator allows them)
            environment: OPENACTIONS_NPM_TOKEN    bearer token sent to the --npm-registry registry only
            """;

    private PartnerKit() {}

    public static void main(String[] args) {
        // the executor's classes log through JBoss Logging; its log manager must be set before anything logs
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        // the service's own log lines (an action failed, the engine interprets) repeat what the summary says
        Logger.getLogger("dev.openactions").setLevel(Level.SEVERE);
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the kit with this process's environment; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    /** Runs the kit; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, String> npm = new LinkedHashMap<>();
        List<String> privateHosts = new ArrayList<>();
        List<String> routes = new ArrayList<>();
        List<String> npmRegistries = new ArrayList<>();
        if (env.get(NPM_REGISTRY_ENV) != null && !env.get(NPM_REGISTRY_ENV).isBlank()) {
            npm.put("registry.npm.url", env.get(NPM_REGISTRY_ENV));
        }
        if (env.get(NPM_TOKEN_ENV) != null && !env.get(NPM_TOKEN_ENV).isBlank()) {
            npm.put("registry.npm.auth-token", env.get(NPM_TOKEN_ENV));
        }
        Path directory = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            boolean hasValue = i + 1 < args.length;
            switch (arg) {
                case "--connect-to",
                        "--trust-store",
                        "--trust-store-password",
                        "--allow-private-host",
                        "--npm-registry",
                        "--npm-allowed-registry" -> {
                    if (!hasValue) {
                        err.println(arg + " needs a value\n" + USAGE);
                        return UNUSABLE;
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--connect-to" -> routes.add(value);
                        case "--trust-store" -> properties.put("executor.fetch.extra-trust-store", value);
                        case "--trust-store-password" ->
                            properties.put("executor.fetch.extra-trust-store-password", value);
                        case "--npm-registry" -> npm.put("registry.npm.url", value);
                        case "--npm-allowed-registry" -> npmRegistries.add(value);
                        default -> privateHosts.add(value);
                    }
                }
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return PASSED;
                }
                default -> {
                    if (arg.startsWith("-") || directory != null) {
                        err.println("unexpected argument '" + arg + "'\n" + USAGE);
                        return UNUSABLE;
                    }
                    directory = Path.of(arg);
                }
            }
        }
        if (directory == null) {
            err.print(USAGE);
            return UNUSABLE;
        }
        if (!routes.isEmpty()) {
            properties.put("executor.fetch.connect-to", String.join(",", routes));
        }
        if (!privateHosts.isEmpty()) {
            properties.put("executor.fetch.allowed-private-hosts", String.join(",", privateHosts));
        }
        if (!npmRegistries.isEmpty()) {
            npm.put("registry.npm.allowed-registries", String.join(",", npmRegistries));
        }

        ObjectMapper json = json();
        IntegrationDirectory integration;
        try {
            integration = IntegrationDirectory.read(directory, json);
        } catch (IntegrationDirectory.Invalid e) {
            err.println("cannot run " + directory + ": " + e.getMessage());
            return UNUSABLE;
        }
        warnAboutUndeclaredFields(integration, err);

        List<JsonNode> results = new ArrayList<>();
        List<LineCoverage> coverages = new ArrayList<>();
        boolean allPassed = true;
        DependencyResolver.Resolution dependencies = null;
        // The engine starts before the resolver: the executor sets a JDK HTTP client property that its routes
        // (--connect-to) need before any HTTP client class loads (FetchRoutes.allowHostHeader); the resolver's
        // client would load them first.
        try (LocalEngine engine = LocalEngine.start(properties)) {
            if (!integration.dependencies().isEmpty()) {
                try {
                    dependencies = NpmDependencies.resolve(integration.dependencies(), npm);
                } catch (NpmDependencies.Unresolvable e) {
                    // what a submission answers with 400 (the version stays a draft), or 503 for an unreachable
                    // registry
                    err.println("cannot resolve the npm dependencies of " + IntegrationDirectory.DEPENDENCIES + " ("
                            + e.id + "): " + e.getMessage());
                    return UNUSABLE;
                }
                err.println("npm dependencies: "
                        + dependencies.pinned().stream()
                                .map(d -> d.name() + "@" + d.version())
                                .collect(Collectors.joining(", "))
                        + " (tree " + dependencies.bundle().hash() + ")");
                engine.load(dependencies.bundle());
            }
            for (TestCase testCase : integration.testCases()) {
                LocalEngine.Run run = engine.run(integration, testCase);
                JsonNode answer = json.valueToTree(run.response());
                List<String> failures = Judge.failures(testCase, answer);
                allPassed &= failures.isEmpty();
                coverages.add(
                        run.response().coverage() == null
                                ? null
                                : run.response().coverage().lines());
                results.add(result(json, testCase, failures, answer));
                err.println((failures.isEmpty() ? "PASS  " : "FAIL  ") + testCase.name());
                failures.forEach(failure -> err.println("      - " + failure));
                if (!failures.isEmpty() && answer.path("error").isObject()) {
                    err.println("      error: "
                            + answer.path("error").path("message").asText());
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // the engine refused the options (a route to a forbidden host, an unreadable trust store, ...)
            err.println("cannot start the engine: " + e.getMessage());
            return UNUSABLE;
        }

        LineCoverage coverage = LineCoverage.across(coverages);
        ObjectNode report = json.createObjectNode();
        report.put("integration", integration.name());
        report.put("trigger_id", integration.triggerId());
        report.put("passed", allPassed);
        if (dependencies != null) {
            // pinned as the submission pins them; the tree's content address names the exact files that ran
            ArrayNode pinned = report.putArray("dependencies");
            dependencies
                    .pinned()
                    .forEach(d -> pinned.addObject().put("name", d.name()).put("version", d.version()));
            report.put("dependency_bundle", dependencies.bundle().hash());
        }
        report.set("coverage", coverage == null ? null : json.valueToTree(TestRunResponse.Coverage.from(coverage)));
        ArrayNode cases = report.putArray("results");
        results.forEach(cases::add);
        out.println(report.toPrettyString());

        long passed = results.stream().filter(r -> r.path("passed").asBoolean()).count();
        err.println(passed + " of " + results.size() + " test cases passed");
        if (coverage != null) {
            err.println("line coverage of " + IntegrationDirectory.CODE + ": " + coverage.coveredLines() + " of "
                    + coverage.totalLines()
                    + " lines (" + coverage.percent() + " %)"
                    + (coverage.uncoveredLines().isEmpty()
                            ? ""
                            : "; never run: "
                                    + coverage.uncoveredLines().stream()
                                            .map(String::valueOf)
                                            .collect(Collectors.joining(", "))));
        }
        return allPassed ? PASSED : FAILED;
    }

    /** One case in the shape the registry records at submission, plus its own coverage. */
    private static JsonNode result(ObjectMapper json, TestCase testCase, List<String> failures, JsonNode answer) {
        ObjectNode result = json.createObjectNode();
        result.put("name", testCase.name());
        result.put("passed", failures.isEmpty());
        result.set("failures", json.valueToTree(failures));
        for (String field : List.of("status", "commands", "effects", "logs", "error", "coverage")) {
            result.set(field, answer.path(field).isMissingNode() ? null : answer.get(field));
        }
        return result;
    }

    /** A name a test case uses that the manifest does not declare is legal, but a customer could never supply it. */
    private static void warnAboutUndeclaredFields(IntegrationDirectory integration, PrintStream err) {
        var secrets = integration.manifest().secrets().stream()
                .map(Manifest.Field::name)
                .toList();
        var configuration = integration.manifest().configuration().stream()
                .map(Manifest.Field::name)
                .toList();
        for (TestCase testCase : integration.testCases()) {
            testCase.secrets().keySet().stream()
                    .filter(name -> !secrets.contains(name))
                    .forEach(name -> err.println("warning: test case '" + testCase.name() + "' sets secret " + name
                            + ", which the manifest does not declare"));
            testCase.configuration().keySet().stream()
                    .filter(name -> !configuration.contains(name))
                    .forEach(name -> err.println("warning: test case '" + testCase.name() + "' sets configuration "
                            + name + ", which the manifest does not declare"));
        }
    }

    /** The executor's wire conventions: snake_case, ISO dates, unknown fields ignored. */
    static ObjectMapper json() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
