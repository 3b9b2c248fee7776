-- Continuation tokens that have resumed a suspended login. A token resumes once: the flow runner
-- inserts its id before resuming, and a second insert of the same id (a replay, on this replica or
-- another) finds the row and is refused. Rows are kept until the token would have expired anyway.
CREATE TABLE used_continuations (
    tenant_id   VARCHAR(128) NOT NULL,
    token_id    VARCHAR(64)  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    used_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, token_id)
);

CREATE INDEX used_continuations_expires_at ON used_continuations (expires_at);
