package dev.openactions.executor.events;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Puts a failed identity event on its retry topic and waits for the broker's acknowledgement: only
 * then may the original record be acknowledged, so a failed event is never lost between the two.
 * While the broker is unreachable this blocks the channel, which could not commit anyway.
 */
@ApplicationScoped
public class RetryPublisher {
    private static final Logger LOG = Logger.getLogger(RetryPublisher.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final int SEND_TRIES = 20;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final MutinyEmitter<String> emitter;

    RetryPublisher(@Channel(IdentityChannels.RETRIES) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** @return whether the broker acknowledged the record */
    public boolean publish(String topic, String key, String value, Headers headers) {
        Message<String> message = Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(topic)
                        .withKey(key)
                        .withHeaders(headers)
                        .build());
        try {
            // sendMessage is lazy: every retry subscribes again and so sends again
            emitter.sendMessage(message)
                    .ifNoItem()
                    .after(SEND_TIMEOUT)
                    .fail()
                    .onFailure()
                    .invoke(e -> LOG.warnf("Sending to %s failed, trying again: %s", topic, e.getMessage()))
                    .onFailure()
                    .retry()
                    .withBackOff(FIRST_BACKOFF, MAX_BACKOFF)
                    .atMost(SEND_TRIES - 1)
                    .await()
                    .indefinitely();
            return true;
        } catch (RuntimeException e) {
            LOG.errorf("Gave up sending to %s after %d tries: %s", topic, SEND_TRIES, e.getMessage());
            return false;
        }
    }
}
