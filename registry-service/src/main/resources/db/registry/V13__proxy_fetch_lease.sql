-- Proxy-cache projects (docs/proxy-cache.md): the lease of a blob being fetched from an upstream registry. Every
-- registry-service replica that misses the blob tries to take it; the one that does fetches it (once), the others
-- wait until the row is gone (the blob landed, or the fetch failed) and look again. A lease not renewed (its holder
-- died) expires and is taken over.
CREATE TABLE proxy_fetch (
    digest     text        PRIMARY KEY,
    holder     text        NOT NULL,
    expires_at timestamptz NOT NULL
);
