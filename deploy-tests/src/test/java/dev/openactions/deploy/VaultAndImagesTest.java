package dev.openactions.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Vault configuration and the Dockerfiles, which kustomize does not render (no kubectl needed). */
class VaultAndImagesTest {

    private static final Path ROOT = Kustomize.repositoryRoot();
    private static final Path VAULT = ROOT.resolve("deploy/k8s/vault");
    private static final Path DOCKER = ROOT.resolve("deploy/docker");

    @Test
    void secretsServicePolicyAllowsOnlyEncryptDecryptRewrapAndReadOnItsKey() throws IOException {
        String policy = Files.readString(VAULT.resolve("secrets-service-policy.hcl"));
        Map<String, String> grants = new TreeMap<>();
        Matcher path = Pattern.compile("path\\s+\"([^\"]+)\"\\s*\\{\\s*capabilities\\s*=\\s*\\[([^]]*)]\\s*}")
                .matcher(policy);
        while (path.find()) {
            grants.put(path.group(1), path.group(2).replaceAll("[\"\\s]", ""));
        }

        assertEquals(
                Map.of(
                        "transit/decrypt/openactions-secrets", "update",
                        "transit/encrypt/openactions-secrets", "update",
                        "transit/keys/openactions-secrets", "read",
                        "transit/rewrap/openactions-secrets", "update"),
                grants);
    }

    @Test
    void configureScriptCreatesTheDerivedKeyAndTheRoleTheDeploymentUses() throws Exception {
        Path script = VAULT.resolve("configure-vault.sh");
        String text = Files.readString(script);

        assertTrue(text.contains("type=aes256-gcm96 derived=true"), "transit key type and derivation");
        assertTrue(text.contains("auth/kubernetes/role/secrets-service"), "Kubernetes auth role secrets-service");
        assertTrue(
                text.contains("bound_service_account_names=secrets-service"),
                "bound to the secrets-service ServiceAccount");
        assertTrue(text.contains("audience=vault"), "same audience as the projected token in secrets-service.yaml");
        assertTrue(
                text.contains("key=\"${OPENACTIONS_TRANSIT_KEY:-openactions-secrets}\""),
                "default key openactions-secrets");
        assertFalse(text.contains("/rotate"), "the setup script must never rotate the key");
        String deployment = Files.readString(ROOT.resolve("deploy/k8s/base/secrets-service.yaml"));
        assertTrue(deployment.contains("audience: vault"), "secrets-service's projected token audience");
        assertShellSyntax(script);
        assertShellSyntax(DOCKER.resolve("build-images.sh"));
    }

    @Test
    void vaultHelmValuesDisableTheInjectorAndKeepTheAuthDelegator() {
        for (String file : List.of("values.yaml", "values-dev.yaml")) {
            JsonNode values = Kustomize.readYamlDocuments(VAULT.resolve(file)).get(0);
            assertFalse(values.path("injector").path("enabled").asBoolean(true), file + ": injector");
            assertTrue(
                    values.path("server").path("authDelegator").path("enabled").asBoolean(), file + ": authDelegator");
        }
        JsonNode prod =
                Kustomize.readYamlDocuments(VAULT.resolve("values.yaml")).get(0);
        assertFalse(prod.path("global").path("tlsDisable").asBoolean(true), "production Vault serves TLS");
        assertTrue(
                prod.path("server").path("ha").path("raft").path("enabled").asBoolean(),
                "production Vault uses Raft HA");
    }

    @Test
    void imagesRunAsUser185OnTheTemurinUpdateTheJitJarsWereBuiltFor() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher graal =
                Pattern.compile("<graalvm.version>([^<]+)</graalvm.version>").matcher(pom);
        assertTrue(graal.find(), "root pom defines graalvm.version");
        String executorDeployment = Files.readString(ROOT.resolve("deploy/k8s/base/executor-service.yaml"));

        for (String file : List.of("Dockerfile.jvm", "Dockerfile.executor")) {
            String dockerfile = Files.readString(DOCKER.resolve(file));
            assertTrue(dockerfile.contains("\nUSER 185:185\n"), file + " runs as 185");
            assertTrue(
                    dockerfile.contains("ARG JRE_IMAGE=eclipse-temurin:" + graal.group(1) + "_"),
                    file + ": the JRE must be Temurin " + graal.group(1)
                            + ", the JVMCI level of the Graal compiler jars");
            assertTrue(dockerfile.contains("quarkus-app/quarkus-run.jar"), file + " copies the fast-jar");
        }
        String executor = Files.readString(DOCKER.resolve("Dockerfile.executor"));
        assertTrue(executor.contains("COPY executor-service/target/graal-jit/ /deployments/graal-jit/"));
        for (String flag : List.of(
                "-XX:InitialRAMPercentage=60",
                "-XX:MaxRAMPercentage=60",
                "-XX:+UnlockExperimentalVMOptions",
                "-XX:+EnableJVMCI",
                "--upgrade-module-path=/deployments/graal-jit",
                "--enable-native-access=ALL-UNNAMED",
                "-XX:CICompilerCount=4",
                "-Dpolyglot.engine.CompilerThreads=2")) {
            assertTrue(executor.contains(flag), "Dockerfile.executor lacks " + flag);
            assertTrue(executorDeployment.contains(flag), "executor-service.yaml lacks " + flag);
        }
    }

    private static void assertShellSyntax(Path script) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-n", script.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(bash.getInputStream().readAllBytes());
        assertTrue(bash.waitFor(10, TimeUnit.SECONDS), "bash -n " + script);
        assertEquals(0, bash.exitValue(), script + ": " + output);
    }
}
