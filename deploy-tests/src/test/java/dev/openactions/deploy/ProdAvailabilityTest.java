package dev.openactions.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rendered prod overlay has a PodDisruptionBudget per service and a CPU autoscaler on the executor. */
@RequiresKubectl
class ProdAvailabilityTest {

    private static Rendered prod;

    @BeforeAll
    static void render() {
        prod = Rendered.overlay("prod");
    }

    @Test
    void everyServiceHasOnePodDisruptionBudgetThatStillAllowsDrains() {
        for (String service : Rendered.SERVICES) {
            Map<String, String> pods = prod.podLabels(service);
            List<KubeObject> budgets = prod.ofKind("PodDisruptionBudget").stream()
                    .filter(pdb -> Selectors.matches(pdb.spec().path("selector"), pods))
                    .toList();

            assertEquals(1, budgets.size(), service + " needs exactly one PodDisruptionBudget");
            JsonNode spec = budgets.get(0).spec();
            assertEquals("policy/v1", budgets.get(0).apiVersion());
            if (spec.has("maxUnavailable")) {
                assertTrue(
                        spec.get("maxUnavailable").asInt() >= 1,
                        service + ": maxUnavailable 0 blocks every node drain");
            } else {
                assertTrue(spec.has("minAvailable"), service + ": PDB without minAvailable or maxUnavailable");
                int replicas = service.equals("executor-service")
                        ? prod.one("HorizontalPodAutoscaler", service)
                                .spec()
                                .path("minReplicas")
                                .asInt()
                        : prod.one("Deployment", service)
                                .spec()
                                .path("replicas")
                                .asInt();
                assertTrue(
                        spec.get("minAvailable").asInt() < replicas,
                        service + ": minAvailable must stay below the replicas");
            }
        }
    }

    @Test
    void theExecutorScalesOnCpuWithinItsConsumerPartitions() {
        List<KubeObject> autoscalers = prod.ofKind("HorizontalPodAutoscaler");
        assertEquals(1, autoscalers.size(), "exactly one HorizontalPodAutoscaler expected (the executor's)");
        KubeObject hpa = autoscalers.get(0);
        JsonNode spec = hpa.spec();

        assertEquals("autoscaling/v2", hpa.apiVersion());
        assertEquals("apps/v1", spec.path("scaleTargetRef").path("apiVersion").asText());
        assertEquals("Deployment", spec.path("scaleTargetRef").path("kind").asText());
        assertEquals(
                "executor-service", spec.path("scaleTargetRef").path("name").asText());
        boolean cpu = false;
        for (JsonNode metric : spec.path("metrics")) {
            cpu |= metric.path("type").asText().equals("Resource")
                    && metric.path("resource").path("name").asText().equals("cpu")
                    && metric.path("resource")
                            .path("target")
                            .path("type")
                            .asText()
                            .equals("Utilization");
        }
        assertTrue(cpu, "the executor autoscaler must scale on CPU utilization: " + spec.path("metrics"));
        int min = spec.path("minReplicas").asInt(1);
        int max = spec.path("maxReplicas").asInt();
        assertTrue(min >= 2, "prod keeps at least two executors, found minReplicas " + min);
        assertTrue(max > min, "maxReplicas must exceed minReplicas");
        for (String topic : List.of("identity.user-registered", "identity.password-changed")) {
            int partitions =
                    prod.one("KafkaTopic", topic).spec().path("partitions").asInt();
            assertTrue(
                    max <= partitions,
                    "maxReplicas " + max + " exceeds the " + partitions + " partitions of " + topic
                            + ": the extra consumers would sit idle (raise the partitions first)");
        }
        assertFalse(
                prod.one("Deployment", "executor-service").spec().has("replicas"),
                "the executor Deployment must leave replicas to the autoscaler");
        JsonNode resources = prod.one("Deployment", "executor-service")
                .spec()
                .path("template")
                .path("spec")
                .path("containers")
                .get(0)
                .path("resources");
        assertTrue(resources.path("requests").has("cpu"), "CPU utilization needs a CPU request on the executor");
    }
}
