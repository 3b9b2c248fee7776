package dev.openactions.testsupport;

import dev.openactions.localstack.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real PostgreSQL server for a service's tests, with the service's own role and schema (init arg
 * {@code role}), the same isolation as production.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    private PostgresServer server;
    private String role = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        role = initArgs.getOrDefault("role", role);
    }

    @Override
    public Map<String, String> start() {
        server = PostgresServer.start(0, null);
        String password = server.createServiceRole(role);
        return Map.of(
                "quarkus.datasource.jdbc.url",
                server.jdbcUrl(),
                "quarkus.datasource.username",
                role,
                "quarkus.datasource.password",
                password,
                "test.postgres.port",
                Integer.toString(server.port()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
