-- Proxy-cache projects (Harbor 2.1+): a project created with registry_id pulls what it lacks from that registry
-- endpoint on first pull (docs/proxy-cache.md). The endpoint cannot be deleted while a project uses it.
--
-- proxy_cache_view is core's documented read contract for registry-service (as project_quota_view, V10): it
-- reads a project's upstream by project name, and unseals access_secret with the shared secret_key_file. Columns
-- may be added; none is removed or renamed without a new view.

ALTER TABLE project ADD COLUMN registry_id bigint REFERENCES registry (id) ON DELETE RESTRICT;
CREATE INDEX project_registry ON project (registry_id) WHERE registry_id IS NOT NULL;

CREATE VIEW proxy_cache_view AS
SELECT p.name AS project, r.id AS registry_id, r.type, r.url, r.access_key, r.access_secret, r.insecure
FROM project p JOIN registry r ON r.id = p.registry_id;
