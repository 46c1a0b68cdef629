-- Upload claims become short leases with a fencing token. A request writing to an upload holds it for
-- 15 s and renews it while it runs; a replica killed mid-chunk lets it lapse within 15 s (it held it for
-- an hour), so the client can resume from the Range recorded. The claim column names the holder: only
-- it may record the chunk or release the upload, so a writer that lost its lease (frozen past it) cannot
-- overwrite the state of the one that took over.
-- taken_over: a request claimed the upload while another's claim was still recorded (that one crashed or
-- froze). The stale writer may have written past the recorded size, so the completing request checks the
-- digest of the stored bytes themselves rather than of the bytes it received.
ALTER TABLE upload ADD COLUMN claim uuid;
ALTER TABLE upload ADD COLUMN taken_over boolean NOT NULL DEFAULT false;

-- Relayed events stay in the outbox for a while (marked relayed_at) instead of being deleted at once: when
-- the Redis stream is lost (Redis restarted empty, flushed, or rolled back to an older snapshot) before
-- consumers read them, the relay sends them again. Consumers deduplicate by event id.
ALTER TABLE outbox ADD COLUMN relayed_at timestamptz;
CREATE INDEX outbox_pending ON outbox (id) WHERE relayed_at IS NULL;
CREATE INDEX outbox_relayed ON outbox (relayed_at) WHERE relayed_at IS NOT NULL;
