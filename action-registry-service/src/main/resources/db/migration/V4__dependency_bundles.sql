-- Resolved npm dependency trees (ADR 12), stored once under their content address: the same tree is
-- one row however many versions, actions and tenants use it, so rows carry no tenant. content is the
-- gzip of the bundle's JSON (dev.openactions.contracts.DependencyBundle), served as it is to the executor.
CREATE TABLE dependency_bundles (
    hash            VARCHAR(64)  PRIMARY KEY,
    content         BYTEA        NOT NULL,
    files           INTEGER      NOT NULL,
    bytes           BIGINT       NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL
);

-- The bundle a version runs with (null: no dependencies, or not resolved yet). Its dependencies column
-- holds the pinned exact versions once the build resolved them.
ALTER TABLE action_versions ADD COLUMN dependency_bundle VARCHAR(64) REFERENCES dependency_bundles (hash);
-- What the draft asked for (ranges, dist-tags) before the build pinned them, so that "is the draft
-- deployed?" still holds for a draft saying ^1.0.0 whose version says 1.4.2.
ALTER TABLE action_versions ADD COLUMN requested_dependencies JSONB;
