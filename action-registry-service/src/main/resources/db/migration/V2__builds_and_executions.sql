-- Asynchronous builds: a version waits in pending/retrying (or holds a lease while building) until
-- next_build_at; the build worker claims due versions with FOR UPDATE SKIP LOCKED, so several
-- registry replicas share the work and a crashed worker's lease simply expires.
ALTER TABLE action_versions ADD COLUMN build_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE action_versions ADD COLUMN next_build_at TIMESTAMPTZ;
CREATE INDEX action_versions_build_due ON action_versions (next_build_at)
    WHERE status IN ('PENDING', 'BUILDING', 'RETRYING');
CREATE INDEX action_versions_action_number ON action_versions (action_id, number);

-- Execution records consumed from actions.executions (key {tenant}/{id}); kept for a configurable
-- number of days (10 by default) and purged by a scheduled job.
CREATE TABLE executions (
    tenant_id    VARCHAR(64)  NOT NULL,
    id           VARCHAR(64)  NOT NULL,
    trigger_id   VARCHAR(64)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    event_id     VARCHAR(255),
    results      JSONB        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX executions_created_at ON executions (created_at);
