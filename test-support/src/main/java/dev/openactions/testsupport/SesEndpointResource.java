package dev.openactions.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * A {@link SesEndpoint} for a Quarkus test: sets the executor's {@code executor.fetch.connect-to} and
 * extra trust store so actions' requests to {@link SesEndpoint#HOST} reach it.
 */
public class SesEndpointResource implements QuarkusTestResourceLifecycleManager {
    private static volatile SesEndpoint endpoint;

    /** The requests the running endpoint received (a live view). */
    public static List<SesEndpoint.Received> received() {
        return endpoint.received();
    }

    public static void clear() {
        endpoint.clear();
    }

    @Override
    public Map<String, String> start() {
        endpoint = SesEndpoint.start();
        return endpoint.executorConfig();
    }

    @Override
    public void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
