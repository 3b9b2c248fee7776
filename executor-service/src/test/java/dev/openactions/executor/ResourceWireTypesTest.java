package dev.openactions.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.executor.api.DeadLettersResource;
import dev.openactions.executor.api.FlowsResource;
import dev.openactions.executor.api.InternalResource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The resources answer with wire records of {@code api} only, never a flow or domain type (docs/architecture-rules.md;
 * the layers themselves are checked by {@link ArchitectureRulesTest}).
 */
class ResourceWireTypesTest {

    @Test
    void resourcesAnswerWithApiRecords() {
        List<String> violations = new ArrayList<>();
        for (Class<?> resource : List.of(FlowsResource.class, InternalResource.class, DeadLettersResource.class)) {
            for (Method method : resource.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers())) {
                    checkWireType(
                            method.getGenericReturnType(),
                            resource.getSimpleName() + "." + method.getName(),
                            violations);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static void checkWireType(Type type, String where, List<String> violations) {
        if (type instanceof ParameterizedType parameterized) {
            checkWireType(parameterized.getRawType(), where, violations);
            for (Type argument : parameterized.getActualTypeArguments()) {
                checkWireType(argument, where, violations);
            }
        } else if (type instanceof Class<?> named
                && named.getName().startsWith("dev.openactions.")
                && !named.getPackageName().equals("dev.openactions.executor.api")) {
            violations.add(where + " returns " + named.getName());
        }
    }
}
