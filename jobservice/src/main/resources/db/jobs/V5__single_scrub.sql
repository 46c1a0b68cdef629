-- One scrub at a time across replicas (docs/scrub.md), as V3 does for garbage collection: a second start is a 409.
CREATE UNIQUE INDEX execution_single_scrub ON execution (vendor_type) WHERE vendor_type = 'SCRUB' AND status = 'Running';
