-- Actions, their immutable versions, ordered trigger bindings, and the outbox that publishes flow
-- snapshots. Every row carries tenant_id: isolation is part of every query, never retrofitted.

CREATE TABLE actions (
    id                   UUID         PRIMARY KEY,
    tenant_id            VARCHAR(64)  NOT NULL,
    name                 VARCHAR(255) NOT NULL,
    supported_triggers   JSONB        NOT NULL,
    code                 TEXT         NOT NULL,
    runtime              VARCHAR(32)  NOT NULL,
    dependencies         JSONB        NOT NULL,
    secrets              JSONB        NOT NULL,
    deployed_version_id  UUID,
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    CONSTRAINT actions_tenant_name UNIQUE (tenant_id, name)
);

CREATE TABLE action_versions (
    id                   UUID         PRIMARY KEY,
    tenant_id            VARCHAR(64)  NOT NULL,
    action_id            UUID         NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    number               INTEGER      NOT NULL,
    supported_triggers   JSONB        NOT NULL,
    code                 TEXT         NOT NULL,
    runtime              VARCHAR(32)  NOT NULL,
    dependencies         JSONB        NOT NULL,
    secrets              JSONB        NOT NULL,
    status               VARCHAR(16)  NOT NULL,
    errors               JSONB        NOT NULL,
    deployed             BOOLEAN      NOT NULL,
    built_at             TIMESTAMPTZ,
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    CONSTRAINT action_versions_number UNIQUE (action_id, number)
);
CREATE INDEX action_versions_tenant ON action_versions (tenant_id, action_id);

ALTER TABLE actions ADD CONSTRAINT actions_deployed_version
    FOREIGN KEY (deployed_version_id) REFERENCES action_versions (id) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE trigger_bindings (
    id            UUID         PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL,
    trigger_id    VARCHAR(64)  NOT NULL,
    position      INTEGER      NOT NULL,
    action_id     UUID         NOT NULL REFERENCES actions (id),
    display_name  VARCHAR(255) NOT NULL,
    on_error      VARCHAR(16)  NOT NULL,
    timeout_ms    BIGINT,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    CONSTRAINT trigger_bindings_position UNIQUE (tenant_id, trigger_id, position) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX trigger_bindings_action ON trigger_bindings (action_id);

-- Flow snapshots are written here in the same transaction as the change that caused them and
-- relayed to Kafka afterwards, so the database and the topic never disagree.
CREATE TABLE outbox (
    id            BIGSERIAL    PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL,
    topic         VARCHAR(255) NOT NULL,
    record_key    VARCHAR(512) NOT NULL,
    payload       TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    published_at  TIMESTAMPTZ
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- Orders flow snapshots: a consumer ignores a snapshot older than the one it holds.
CREATE SEQUENCE flow_revision_seq;
