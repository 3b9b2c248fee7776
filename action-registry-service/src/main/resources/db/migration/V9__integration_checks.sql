-- The partner guideline's checks run at submission (egress made to fail, logs with debug off and on,
-- hosts outside the capabilities, time against the limit), each with its answer and evidence.
ALTER TABLE integration_versions ADD COLUMN checks JSONB NOT NULL DEFAULT '[]'::jsonb;
