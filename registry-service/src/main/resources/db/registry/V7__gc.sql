-- Online garbage collection (docs/gc.md). Each ADD COLUMN ... DEFAULT now() is a catalog-only change: existing
-- rows read the migration's instant, so everything stored before the upgrade gets one grace period of protection.

-- When a manifest was last pushed (or fetched by digest while stale): delete_untagged spares younger ones.
-- pushed_at keeps Harbor's meaning (the first push).
ALTER TABLE manifest ADD COLUMN touched_at timestamptz NOT NULL DEFAULT now();

-- When a link was last created, re-created, mounted, or confirmed by a HEAD/GET while stale: GC collects a link
-- only when this is older than the run's cutoff.
ALTER TABLE repository_blob ADD COLUMN linked_at timestamptz NOT NULL DEFAULT now();

-- What a dry run would delete, so that later phases of the same run see it as gone. Scratch data: unlogged.
CREATE UNLOGGED TABLE gc_mark (
    run_id        bigint      NOT NULL,
    kind          char(1)     NOT NULL,       -- M manifest, L link
    repository_id bigint      NOT NULL,
    digest        text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, kind, repository_id, digest)
);
