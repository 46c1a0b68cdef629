-- Schedules of policies: a job kind may now have one schedule per policy (tag retention: one per retention policy)
-- beside the one schedule of a housekeeping kind (GC, audit-log purge, scrub), whose ref stays NULL. At most one row
-- per (kind, ref), a NULL ref counting as one value: a housekeeping kind still has at most one schedule.
ALTER TABLE schedule ADD COLUMN ref bigint;
ALTER TABLE schedule DROP CONSTRAINT schedule_kind_key;
CREATE UNIQUE INDEX schedule_kind_ref ON schedule (kind, coalesce(ref, 0));

-- A retention policy's schedule goes with the policy (which goes with its project).
CREATE FUNCTION retention_policy_schedule_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM core.schedule WHERE kind = 'RETENTION' AND ref = OLD.id;
    RETURN OLD;
END
$$;
CREATE TRIGGER retention_policy_schedule AFTER DELETE ON retention_policy
    FOR EACH ROW EXECUTE FUNCTION retention_policy_schedule_gone();
