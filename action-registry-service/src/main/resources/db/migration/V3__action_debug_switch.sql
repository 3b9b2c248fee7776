-- An action's debug switch: while on, execution records keep its whole console capture. It belongs to
-- the action, not to a version, so turning it on needs no deploy.
ALTER TABLE actions ADD COLUMN debug BOOLEAN NOT NULL DEFAULT FALSE;
