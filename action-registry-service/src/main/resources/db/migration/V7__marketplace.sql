-- The marketplace (ADR 16): partners' integrations, their immutable semver versions with the review's
-- evidence, and installs (an install IS an action of the customer's tenant; this table only says which
-- integration version it came from and holds its plain configuration values).

CREATE TABLE integrations (
    id            UUID         PRIMARY KEY,
    partner_id    VARCHAR(64)  NOT NULL,
    name          VARCHAR(255) NOT NULL,
    trigger_id    VARCHAR(64)  NOT NULL,
    listing       JSONB        NOT NULL,
    listed        BOOLEAN      NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    CONSTRAINT integrations_partner_name UNIQUE (partner_id, name)
);

CREATE TABLE integration_versions (
    id              UUID         PRIMARY KEY,
    integration_id  UUID         NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
    partner_id      VARCHAR(64)  NOT NULL,
    version         VARCHAR(64)  NOT NULL,
    code            TEXT         NOT NULL,
    -- npm dependencies as the partner declared them; resolution is the actions' (V4) once merged
    dependencies    JSONB        NOT NULL,
    manifest        JSONB        NOT NULL,
    test_cases      JSONB        NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    test_results    JSONB        NOT NULL,
    reviews         JSONB        NOT NULL,
    submitted_at    TIMESTAMPTZ,
    published_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT integration_versions_semver UNIQUE (integration_id, version)
);
CREATE INDEX integration_versions_status ON integration_versions (status);

CREATE TABLE integration_installs (
    action_id            UUID         PRIMARY KEY REFERENCES actions (id) ON DELETE CASCADE,
    tenant_id            VARCHAR(64)  NOT NULL,
    integration_id       UUID         NOT NULL REFERENCES integrations (id),
    version_id           UUID         NOT NULL REFERENCES integration_versions (id),
    configuration        JSONB        NOT NULL,
    -- one step of history, so that a rollback is a single call
    previous_version_id  UUID         REFERENCES integration_versions (id),
    previous_configuration JSONB,
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL
);
CREATE INDEX integration_installs_tenant ON integration_installs (tenant_id);
CREATE INDEX integration_installs_version ON integration_installs (version_id);
