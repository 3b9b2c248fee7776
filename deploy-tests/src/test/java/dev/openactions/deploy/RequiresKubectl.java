package dev.openactions.deploy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables the annotated test class, reported as skipped with the reason, when kubectl is not
 * installed (not on the PATH and $KUBECTL not set). Everything else that goes wrong fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresKubectl.Condition.class)
@interface RequiresKubectl {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Kustomize.kubectl().isPresent()) {
                return ConditionEvaluationResult.enabled("kubectl found");
            }
            String reason = "kubectl is not installed (not on PATH, KUBECTL not set): the deployment manifests"
                    + " under deploy/k8s cannot be rendered, so they are NOT validated";
            if (context.getTestMethod().isEmpty()) {
                System.err.println("[deploy-tests] SKIPPED " + context.getDisplayName() + ": " + reason);
            }
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
