-- Content trust (Harbor's enable_content_trust_cosign and enable_content_trust, the latter for Notation signatures):
-- which signatures a project requires of an image before it may be pulled.
--
-- content_trust_view is core's documented read contract for registry-service (as immutable_rule_view, V8):
-- registry-service reads it in the one query of a manifest GET/HEAD, a row per project that requires a kind
-- of signature (a project that requires none has no row). Columns may be added; none is removed or renamed
-- without a new view.

CREATE VIEW content_trust_view AS
SELECT p.name AS project,
       bool_or(m.name = 'enable_content_trust_cosign') AS cosign,
       bool_or(m.name = 'enable_content_trust') AS notation
FROM project p
JOIN project_metadata m ON m.project_id = p.id
WHERE m.name IN ('enable_content_trust_cosign', 'enable_content_trust') AND m.value = 'true'
GROUP BY p.name;
