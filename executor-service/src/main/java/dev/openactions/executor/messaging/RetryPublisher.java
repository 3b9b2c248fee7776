package dev.openactions.executor.messaging;

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

    private final MutinyEmitter<String> emitter;

    RetryPublisher(@Channel(Channels.RETRIES) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** @return whether the broker acknowledged the record */
    public boolean publish(String topic, String key, String value, Headers headers) {
        for (int attempt = 1; attempt <= SEND_TRIES; attempt++) {
            try {
                Message<String> message = Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(topic).withKey(key).withHeaders(headers).build());
                emitter.sendMessage(message).await().atMost(SEND_TIMEOUT);
                return true;
            } catch (RuntimeException e) {
                LOG.warnf("Sending to %s failed (try %d of %d): %s", topic, attempt, SEND_TRIES, e.getMessage());
                try {
                    Thread.sleep(Math.min(1000L * attempt, 5000L));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }
}
