package dev.openactions.executor.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The durable record of identity events whose actions completed: the idempotency store behind
 * "effectively once" (ADR 0007). Plain JDBC: two statements on one table need no ORM.
 */
@ApplicationScoped
public class ProcessedEvents {
    private final AgroalDataSource dataSource;

    ProcessedEvents(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether the tenant's event already ran to completion (then it must not run again). */
    public boolean contains(String tenantId, String eventId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT 1 FROM processed_events WHERE tenant_id = ? AND event_id = ?")) {
            s.setString(1, tenantId);
            s.setString(2, eventId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreUnavailable("the processed-events store cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Records the event as done. Idempotent: a second replica that ran the same event during a
     * rebalance finds the row there and changes nothing.
     *
     * @return false if the event was already recorded
     */
    public boolean record(String tenantId, String eventId, String triggerId, String outcome, String executionId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO processed_events (tenant_id, event_id, trigger_id, outcome, execution_id, completed_at)
                        VALUES (?, ?, ?, ?, ?, now())
                        ON CONFLICT (tenant_id, event_id) DO NOTHING""")) {
            s.setString(1, tenantId);
            s.setString(2, eventId);
            s.setString(3, triggerId);
            s.setString(4, outcome);
            s.setString(5, executionId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreUnavailable("the processed-events store cannot be written: " + e.getMessage(), e);
        }
    }

    /** An event of a tenant: the store's key. */
    public record EventKey(String tenantId, String eventId) {}

    /** A completed event to record. */
    public record Completed(String tenantId, String eventId, String triggerId, String outcome, String executionId) {}

    /** Which of these events already ran to completion: one statement for a whole batch of records. */
    public Set<EventKey> completedAmong(List<EventKey> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT tenant_id, event_id FROM processed_events
                        WHERE (tenant_id, event_id) IN (SELECT * FROM unnest(?::varchar[], ?::varchar[]))""")) {
            s.setArray(
                    1,
                    c.createArrayOf(
                            "varchar", keys.stream().map(EventKey::tenantId).toArray()));
            s.setArray(
                    2,
                    c.createArrayOf(
                            "varchar", keys.stream().map(EventKey::eventId).toArray()));
            Set<EventKey> done = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    done.add(new EventKey(rs.getString(1), rs.getString(2)));
                }
            }
            return done;
        } catch (SQLException e) {
            throw new StoreUnavailable("the processed-events store cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Records a batch of completed events in one statement and one commit, idempotent like
     * {@link #record}: rows already there stay as they are.
     */
    public void recordAll(List<Completed> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO processed_events (tenant_id, event_id, trigger_id, outcome, execution_id, completed_at)
                        SELECT t, e, tr, o, x, now()
                        FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) AS u(t, e, tr, o, x)
                        ON CONFLICT (tenant_id, event_id) DO NOTHING""")) {
            s.setArray(
                    1,
                    c.createArrayOf(
                            "varchar", events.stream().map(Completed::tenantId).toArray()));
            s.setArray(
                    2,
                    c.createArrayOf(
                            "varchar", events.stream().map(Completed::eventId).toArray()));
            s.setArray(
                    3,
                    c.createArrayOf(
                            "varchar", events.stream().map(Completed::triggerId).toArray()));
            s.setArray(
                    4,
                    c.createArrayOf(
                            "varchar", events.stream().map(Completed::outcome).toArray()));
            s.setArray(
                    5,
                    c.createArrayOf(
                            "varchar",
                            events.stream().map(Completed::executionId).toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailable("the processed-events store cannot be written: " + e.getMessage(), e);
        }
    }

    /** Deletes up to {@code limit} records completed before {@code cutoff}; returns how many went. */
    public int purgeOlderThan(Instant cutoff, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        DELETE FROM processed_events WHERE ctid IN (
                          SELECT ctid FROM processed_events WHERE completed_at < ? LIMIT ?)""")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            s.setInt(2, limit);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailable("the processed-events store cannot be purged: " + e.getMessage(), e);
        }
    }

    /** The database is unreachable or failing; the event is retried later like any other failure. */
    public static final class StoreUnavailable extends RuntimeException {
        StoreUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
