-- The garbage-collection schedule (Harbor's /system/gc/schedule): at most one row. Its type (Hourly, Daily,
-- Weekly, Custom), the six-field cron, the parameters each run gets, and the instant it last fired for, so
-- that several core replicas fire it once (the one whose guarded UPDATE moves last_fired forward).
CREATE TABLE gc_schedule (
    id            bigserial   PRIMARY KEY,
    singleton     boolean     NOT NULL DEFAULT true UNIQUE CHECK (singleton),
    type          text        NOT NULL,
    cron          text        NOT NULL,
    parameters    jsonb       NOT NULL DEFAULT '{}',
    last_fired    timestamptz,
    creation_time timestamptz NOT NULL DEFAULT now(),
    update_time   timestamptz NOT NULL DEFAULT now()
);
