package dev.openactions.bench;

import dev.openactions.localstack.Poll;
import dev.openactions.localstack.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * Scale-out of the asynchronous path: executor processes added one by one to the same consumer group
 * on an identity topic with more partitions than processes; after each joins (the topic's partitions
 * split among all of them) a warm-up burst and a measured burst, with each process's own count of
 * the events it ran (from its metrics). On 2 cores this shows the mechanism, not linear gains.
 */
final class AsyncScaleOut {
    static final String TOPIC = "identity.user-registered";
    private static final String GROUP = "executor";

    /** One measured burst with {@code processes} executors: the total and what each process ran. */
    record Row(int processes, AsyncLoad.Result burst, List<Long> perProcess) {
        String line() {
            return String.format(
                    Locale.ROOT,
                    "%d process(es): %.0f events/s in total; events run per process %s; %s",
                    processes,
                    burst.perSecond(),
                    perProcess,
                    burst.line());
        }
    }

    private final String bootstrapServers;
    private final AsyncLoad load;

    AsyncScaleOut(String bootstrapServers, AsyncLoad load) {
        this.bootstrapServers = bootstrapServers;
        this.load = load;
    }

    /** A measured burst on the processes running now (the first row: the already-warm single executor). */
    Row measure(List<ServiceProcess> executors, int warmup, int burst) throws Exception {
        awaitMembersOwningPartitions(executors.size());
        if (warmup > 0) {
            BenchRun.log("async scale-out, " + executors.size() + " process(es), warm-up "
                    + load.burst(warmup, Duration.ofSeconds(120)).line());
        }
        List<Long> before = counts(executors);
        AsyncLoad.Result result = load.burst(burst, Duration.ofSeconds(180));
        List<Long> after = counts(executors);
        List<Long> ran = new ArrayList<>();
        for (int i = 0; i < executors.size(); i++) {
            ran.add(after.get(i) - before.get(i));
        }
        Row row = new Row(executors.size(), result, ran);
        BenchRun.log("async scale-out " + row.line());
        return row;
    }

    private static List<Long> counts(List<ServiceProcess> executors) throws Exception {
        List<Long> counts = new ArrayList<>();
        for (ServiceProcess executor : executors) {
            counts.add(ExecutorMetrics.processedEvents(executor.baseUrl(), TOPIC));
        }
        return counts;
    }

    /** Until as many group members as processes hold partitions of the topic (the rebalance is done). */
    private void awaitMembersOwningPartitions(int processes) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Poll.until(
                    Duration.ofSeconds(120),
                    Duration.ofMillis(500),
                    processes + " executor(s) to share " + TOPIC,
                    () -> partitionOwners(admin) == processes ? Boolean.TRUE : null);
        }
    }

    private static long partitionOwners(Admin admin) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP))
                    .describedGroups()
                    .get(GROUP)
                    .get(30, TimeUnit.SECONDS);
            return group.members().stream()
                    .filter(AsyncScaleOut::ownsTopicPartitions)
                    .count();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Poll.Abort("interrupted while reading consumer group " + GROUP);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("consumer group " + GROUP + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean ownsTopicPartitions(MemberDescription member) {
        return member.assignment().topicPartitions().stream()
                .anyMatch(partition -> partition.topic().equals(TOPIC));
    }
}
