-- Harbor's immutable tag rules: per project, a tag that the rule's repository and tag selectors select
-- may not be moved to another manifest nor deleted (registry-service enforces it on /v2/). Selectors are
-- Harbor's JSON ({"kind": "doublestar" | "regex", "decoration", "pattern"}), validated by core.
--
-- immutable_rule_view is core's documented read contract for registry-service (the other direction of
-- db/registry V2): registry-service reads it inside the transaction of a manifest PUT or DELETE, with one
-- indexed query per push. Columns may be added; none is removed or renamed without a new view.

CREATE TABLE immutable_rule (
    id              bigserial   PRIMARY KEY,
    project_id      bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    priority        integer     NOT NULL DEFAULT 0,
    disabled        boolean     NOT NULL DEFAULT false,
    action          text        NOT NULL DEFAULT 'immutable',
    template        text        NOT NULL DEFAULT 'immutable_template',
    tag_selectors   jsonb       NOT NULL,
    scope_selectors jsonb       NOT NULL,
    creation_time   timestamptz NOT NULL DEFAULT now(),
    update_time     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX immutable_rule_of_project ON immutable_rule (project_id, id);

CREATE VIEW immutable_rule_view AS
SELECT r.id, p.name AS project, r.disabled, r.priority, r.tag_selectors,
       coalesce(r.scope_selectors -> 'repository', '[]'::jsonb) AS repository_selectors
FROM immutable_rule r JOIN project p ON p.id = r.project_id;
