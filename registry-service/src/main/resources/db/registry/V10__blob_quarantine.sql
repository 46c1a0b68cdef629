-- Scrub (docs/scrub.md): a blob whose stored bytes no longer match its digest (or are gone) is quarantined: pulls of
-- it are refused until a push of the right bytes repairs it (which clears both columns). NULL: not quarantined.
ALTER TABLE blob ADD COLUMN quarantined_at timestamptz;
ALTER TABLE blob ADD COLUMN quarantine_reason text;
