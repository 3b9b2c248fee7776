-- Secret values, encrypted at rest. Plaintext never reaches this table: `ciphertext` is sealed by
-- the configured key provider with (tenant_id, owner_id, name) as associated data, so a value
-- copied into another row does not decrypt.
CREATE TABLE secret_values (
    id            BIGSERIAL    PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL,
    owner_id      VARCHAR(64)  NOT NULL,
    name          VARCHAR(128) NOT NULL,
    ciphertext    BYTEA        NOT NULL,
    key_id        VARCHAR(128) NOT NULL,
    key_version   INTEGER      NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    CONSTRAINT secret_values_owner_name UNIQUE (tenant_id, owner_id, name)
);

CREATE INDEX secret_values_key_version ON secret_values (key_id, key_version);
