package dev.openactions.registry.live;

import dev.openactions.registry.domain.ExecutionEntity;
import dev.openactions.registry.repository.ExecutionRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** A tenant's most recent stored executions, optionally of one trigger or involving one action. */
@ApplicationScoped
public class RecentExecutions {
    /** Rows read to find the ones of one action (its id sits inside the results JSON). */
    private static final int SCAN_FOR_ACTION = 500;

    private final ExecutionRepository executions;
    private final LiveConfig config;

    RecentExecutions(ExecutionRepository executions, LiveConfig config) {
        this.executions = executions;
        this.config = config;
    }

    @Transactional
    public List<LiveExecution> list(String tenantId, String triggerId, String actionId) {
        Sort newest = Sort.descending("createdAt");
        var query = triggerId == null
                ? executions.find("tenantId = ?1", newest, tenantId)
                : executions.find("tenantId = ?1 and triggerId = ?2", newest, tenantId, triggerId);
        int limit = config.recentLimit();
        List<ExecutionEntity> rows = query.page(Page.ofSize(actionId == null ? limit : SCAN_FOR_ACTION))
                .list();
        return rows.stream()
                .map(LiveExecution::from)
                .filter(e -> actionId == null || e.involves(actionId))
                .limit(limit)
                .toList();
    }
}
