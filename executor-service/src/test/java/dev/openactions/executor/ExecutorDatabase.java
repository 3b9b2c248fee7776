package dev.openactions.executor;

import dev.openactions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every executor test gets a real PostgreSQL with the service's own role and schema
 * ({@code executor}, the processed identity event ids): the application does not start without it.
 */
@WithTestResource(
        value = PostgresResource.class,
        scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "role", value = "executor"))
final class ExecutorDatabase {
    private ExecutorDatabase() {}
}
