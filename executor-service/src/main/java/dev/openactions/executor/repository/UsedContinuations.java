package dev.openactions.executor.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The ids of continuation tokens that have resumed a login, shared by every executor replica through
 * the executor's database: a token resumes a suspended login once, wherever the replay arrives.
 * Rows outlive their token only until its expiry, when a replay is refused as expired anyway.
 */
@ApplicationScoped
public class UsedContinuations {
    private static final Logger LOG = Logger.getLogger(UsedContinuations.class);
    private static final int PURGE_BATCH = 5000;

    private final AgroalDataSource dataSource;

    UsedContinuations(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Marks the token as used. Atomic across replicas: of two concurrent claims of one token exactly
     * one succeeds.
     *
     * @return false if the token had already been used
     */
    public boolean claim(String tenantId, String tokenId, Instant expiresAt) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO used_continuations (tenant_id, token_id, expires_at) VALUES (?, ?, ?)
                        ON CONFLICT (tenant_id, token_id) DO NOTHING""")) {
            s.setString(1, tenantId);
            s.setString(2, tokenId);
            s.setTimestamp(3, Timestamp.from(expiresAt));
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new ProcessedEvents.StoreUnavailable(
                    "the used-continuations store cannot be written: " + e.getMessage(), e);
        }
    }

    @Scheduled(
            every = "${executor.events.purge-interval:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        DELETE FROM used_continuations WHERE ctid IN (
                          SELECT ctid FROM used_continuations WHERE expires_at < ? LIMIT ?)""")) {
            int total = 0;
            int deleted;
            do {
                s.setTimestamp(1, Timestamp.from(Instant.now()));
                s.setInt(2, PURGE_BATCH);
                deleted = s.executeUpdate();
                total += deleted;
            } while (deleted == PURGE_BATCH);
            if (total > 0) {
                LOG.infof("Purged %d expired continuation token id(s)", total);
            }
        } catch (SQLException e) {
            LOG.warnf("Purging used continuation token ids failed, will retry: %s", e.getMessage());
        }
    }
}
