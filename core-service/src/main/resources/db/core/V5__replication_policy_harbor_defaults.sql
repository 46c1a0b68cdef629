-- Harbor's replication policy defaults: a policy created without them is not enabled and does not
-- override, and an unlimited speed is 0 (Harbor turns negative speeds into 0). jobservice reads any
-- speed that is not positive as unlimited, so the rows changed here replicate as before.
UPDATE replication_policy SET speed = 0 WHERE speed < 0;
ALTER TABLE replication_policy ALTER COLUMN speed SET DEFAULT 0,
    ALTER COLUMN override SET DEFAULT false,
    ALTER COLUMN enabled SET DEFAULT false;
