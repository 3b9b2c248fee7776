-- Identity events whose flow finished (completed, denied, or a no-op because nothing is bound).
-- The consumer checks this table before running an event and writes it after the actions have
-- completed, so an event id never runs twice once done: not after a crash, a rebalance, or a
-- replay of the topic or of the dead-letter topic (ADR 0007).
CREATE TABLE processed_events (
    tenant_id     VARCHAR(128) NOT NULL,
    event_id      VARCHAR(255) NOT NULL,
    trigger_id    VARCHAR(64)  NOT NULL,
    outcome       VARCHAR(16)  NOT NULL,
    execution_id  VARCHAR(64),
    completed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, event_id)
);

-- The retention purge deletes by age.
CREATE INDEX processed_events_completed_at ON processed_events (completed_at);
