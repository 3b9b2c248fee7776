package dev.openactions.executor.events;

import dev.openactions.contracts.Topics;
import dev.openactions.contracts.TriggerId;
import dev.openactions.executor.config.EventsConfig;
import dev.openactions.executor.deadletters.DeadLetterTopics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The identity channels as configured: identity topic, retry topic and dead-letter topic (from the
 * channels' own {@code mp.messaging.incoming.*} settings, one source of truth), and the retry policy.
 */
@ApplicationScoped
public class EventChannels implements DeadLetterTopics {

    /** One identity topic with its retry and dead-letter topics. */
    public record Channel(
            String name,
            TriggerId trigger,
            String eventType,
            String topic,
            String retryTopic,
            String deadLetterTopic) {}

    private final List<Channel> channels;
    private final RetryPolicy retry;

    EventChannels(Config config, EventsConfig events) {
        this.retry = RetryPolicy.of(events.retry());
        this.channels = List.of(
                channel(
                        config,
                        IdentityChannels.USER_REGISTERED,
                        IdentityChannels.USER_REGISTERED_RETRY,
                        TriggerId.POST_USER_REGISTRATION,
                        "identity.user.registered.v1",
                        Topics.IDENTITY_USER_REGISTERED),
                channel(
                        config,
                        IdentityChannels.PASSWORD_CHANGED,
                        IdentityChannels.PASSWORD_CHANGED_RETRY,
                        TriggerId.POST_CHANGE_PASSWORD,
                        "identity.password.changed.v1",
                        Topics.IDENTITY_PASSWORD_CHANGED));
    }

    private static Channel channel(
            Config config, String name, String retryName, TriggerId trigger, String type, String defaultTopic) {
        String topic = config.getOptionalValue("mp.messaging.incoming." + name + ".topic", String.class)
                .orElse(defaultTopic);
        String retryTopic = config.getOptionalValue("mp.messaging.incoming." + retryName + ".topic", String.class)
                .orElse(topic + ".retry");
        String dlq = config.getOptionalValue("mp.messaging.incoming." + name + ".dead-letter-queue.topic", String.class)
                .orElse(topic + ".dlq");
        return new Channel(name, trigger, type, topic, retryTopic, dlq);
    }

    public List<Channel> all() {
        return channels;
    }

    public Channel byName(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** The channel whose identity topic, retry topic or dead-letter topic this is. */
    public Optional<Channel> byTopic(String topic) {
        return channels.stream()
                .filter(c -> c.topic().equals(topic)
                        || c.deadLetterTopic().equals(topic)
                        || c.retryTopic().equals(topic))
                .findFirst();
    }

    @Override
    public List<Pair> deadLetterTopics() {
        return channels.stream()
                .map(c -> new Pair(c.topic(), c.deadLetterTopic()))
                .toList();
    }

    @Override
    public Optional<String> identityTopicOf(String topic) {
        return byTopic(topic).map(Channel::topic);
    }

    /** Tries in all, the first included. */
    public int maxAttempts() {
        return retry.maxAttempts();
    }

    /** How long to wait before the given attempt (2 or later): initial delay × multiplier^(attempt-2), capped. */
    public Duration delayBefore(int attempt) {
        return retry.delayBefore(attempt);
    }
}
