-- An integration version's npm tree, resolved and pinned when it is submitted (as an action's build
-- does, V4): its test cases, its reviewers and every install run the same content-addressed tree.
ALTER TABLE integration_versions ADD COLUMN dependency_bundle VARCHAR(64) REFERENCES dependency_bundles (hash);
