-- Key rotations: one row per rotation, with the progress of its background rewrap. Progress is
-- written after every batch, so any instance resumes an unfinished rotation after a restart.
CREATE TABLE key_rotations (
    id              UUID         PRIMARY KEY,
    status          VARCHAR(16)  NOT NULL,
    key_id          VARCHAR(128) NOT NULL,
    target_version  INTEGER      NOT NULL,
    pass            INTEGER      NOT NULL DEFAULT 1,
    cursor_id       BIGINT       NOT NULL DEFAULT 0,
    total           BIGINT       NOT NULL DEFAULT 0,
    rewrapped       BIGINT       NOT NULL DEFAULT 0,
    failed          BIGINT       NOT NULL DEFAULT 0,
    last_error      VARCHAR(512),
    requested_by    VARCHAR(128) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    completed_at    TIMESTAMPTZ,
    retired_below   INTEGER,
    retired_by      VARCHAR(128),
    retired_at      TIMESTAMPTZ,
    CONSTRAINT key_rotations_status CHECK (status IN ('REWRAPPING', 'COMPLETED', 'INCOMPLETE'))
);

-- At most one rotation in progress, across all instances.
CREATE UNIQUE INDEX key_rotations_one_active ON key_rotations ((true)) WHERE status = 'REWRAPPING';

-- The audit trail: who decrypted or changed which secrets of an owner, when. Names, never values.
CREATE TABLE secret_audit_events (
    id            BIGSERIAL    PRIMARY KEY,
    occurred_at   TIMESTAMPTZ  NOT NULL,
    tenant_id     VARCHAR(64)  NOT NULL,
    owner_id      VARCHAR(64)  NOT NULL,
    action        VARCHAR(16)  NOT NULL,
    outcome       VARCHAR(16)  NOT NULL,
    names         TEXT[]       NOT NULL,
    caller        VARCHAR(128) NOT NULL,
    detail        VARCHAR(256),
    CONSTRAINT secret_audit_events_action CHECK (action IN ('SET', 'DELETE', 'DECRYPT')),
    CONSTRAINT secret_audit_events_outcome CHECK (outcome IN ('SUCCESS', 'FAILURE'))
);

CREATE INDEX secret_audit_events_tenant ON secret_audit_events (tenant_id, id DESC);
CREATE INDEX secret_audit_events_owner ON secret_audit_events (tenant_id, owner_id, id DESC);
