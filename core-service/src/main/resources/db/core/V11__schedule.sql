-- One schedule table for every housekeeping job (Harbor's /system/gc/schedule, /system/purgeaudit/schedule, and
-- Berth's scrub): at most one row per job kind. Its type (Hourly, Daily, Weekly, Custom), the six-field cron, the
-- parameters each run gets, and the instant it last fired for, so that several core replicas fire a slot once
-- (the one whose guarded UPDATE moves last_fired forward). Replaces V9's gc_schedule, whose row moves here.
CREATE TABLE schedule (
    id            bigserial   PRIMARY KEY,
    kind          text        NOT NULL UNIQUE,   -- the job kind: GARBAGE_COLLECTION, PURGE_AUDIT_LOG, SCRUB
    type          text        NOT NULL,
    cron          text        NOT NULL,
    parameters    jsonb       NOT NULL DEFAULT '{}',
    last_fired    timestamptz,
    creation_time timestamptz NOT NULL DEFAULT now(),
    update_time   timestamptz NOT NULL DEFAULT now()
);

-- The GC schedule keeps its id (runs started by it name it as their schedule_id).
INSERT INTO schedule (id, kind, type, cron, parameters, last_fired, creation_time, update_time)
SELECT id, 'GARBAGE_COLLECTION', type, cron, parameters, last_fired, creation_time, update_time FROM gc_schedule;
SELECT setval(pg_get_serial_sequence('schedule', 'id'), coalesce((SELECT max(id) FROM schedule), 1),
              (SELECT max(id) FROM schedule) IS NOT NULL);

DROP TABLE gc_schedule;
