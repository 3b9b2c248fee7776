package dev.openactions.executor.health;

import dev.openactions.executor.flow.FlowView;
import dev.openactions.executor.messaging.FlowSnapshotConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the flow view has read actions.flows up to where it stood at start. */
@Readiness
@ApplicationScoped
public class FlowViewHealthCheck implements HealthCheck {
    private final FlowSnapshotConsumer consumer;
    private final FlowView view;

    FlowViewHealthCheck(FlowSnapshotConsumer consumer, FlowView view) {
        this.consumer = consumer;
        this.view = view;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("flow-view")
                // Once loaded, the view keeps serving even if Kafka goes away: logins must not stop
                // because the broker or the registry is down. Staleness shows in the data.
                .status(consumer.caughtUp())
                .withData("kafka_reachable", consumer.healthy())
                .withData("flows", view.size())
                .withData("caught_up", consumer.caughtUp())
                .build();
    }
}
