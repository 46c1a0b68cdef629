-- Who created a replication policy: Harbor's REPLICATION webhook event names them (event_data.replication.policy_creator).
-- Policies created before this migration have none ('').
ALTER TABLE replication_policy ADD COLUMN creator text NOT NULL DEFAULT '';
