-- A robot's duration (days, -1: never) as its creator or a later PUT gave it, read back as given (Harbor
-- stores it too). The expiry is the creation time plus that many days; robots created before this column
-- get the whole number of days closest to their expiry.
ALTER TABLE robot ADD COLUMN duration bigint NOT NULL DEFAULT -1 CHECK (duration = -1 OR duration > 0);
UPDATE robot SET duration = greatest(1, round(extract(epoch FROM expires_at - creation_time) / 86400))::bigint
WHERE expires_at IS NOT NULL;
