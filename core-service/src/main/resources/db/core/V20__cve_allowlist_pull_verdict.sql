-- CVE allowlists (Harbor's CVEAllowlist): the system's (project_id NULL, at most one) and one per project. items is a
-- JSON array of {"cve_id": ...}; expires_at is Harbor's Unix time in seconds (NULL: never expires). An expired list
-- covers nothing.
CREATE TABLE cve_allowlist (
    id            bigserial   PRIMARY KEY,
    project_id    bigint      UNIQUE REFERENCES project (id) ON DELETE CASCADE,
    expires_at    bigint,
    items         jsonb       NOT NULL DEFAULT '[]'::jsonb,
    creation_time timestamptz NOT NULL DEFAULT now(),
    update_time   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX cve_allowlist_system ON cve_allowlist ((project_id IS NULL)) WHERE project_id IS NULL;

-- Pull verdicts: core's documented read contract for registry-service's manifest GET/HEAD (the direction of
-- immutable_rule_view). core computes them when a report is recorded or stored, an allowlist changes or a project's
-- severity or allowlist choice changes; registry-service reads them in the query it runs for the manifest, with no call
-- to core. Columns may be added; none is removed or renamed without a new view.
--
-- pull_verdict: one row per scanned image (project name, manifest digest) and policy. reason is the refusal (Harbor's
-- message naming the policy), NULL when the image passes; it applies from blocked_from on ('-infinity': now; an
-- allowlist's expiry: the findings it covers block once it expires).
CREATE TABLE pull_verdict (
    project_id   bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    project      text        COLLATE "C" NOT NULL,
    digest       text        NOT NULL,
    policy       text        NOT NULL,              -- prevent_vul
    reason       text,
    blocked_from timestamptz NOT NULL DEFAULT '-infinity',
    update_time  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project, digest, policy)
);
CREATE INDEX pull_verdict_of_project ON pull_verdict (project_id);

-- pull_policy_view: the projects whose pulls a policy guards, with the refusal of an image that has no verdict (never
-- scanned). Harbor refuses an image without a vulnerability report when prevent_vul is on; severity defaults to low.
CREATE VIEW pull_policy_view AS
SELECT p.name AS project, 'prevent_vul'::text AS policy,
       'current image without vulnerability scanning cannot be pulled due to configured policy in ''Prevent images with '
           || 'vulnerability severity of "' || initcap(coalesce(s.value, 'low')) || '" or higher from running.'' '
           || 'To continue with pull, please contact your project administrator for help.' AS unscanned_reason
FROM project p
JOIN project_metadata m ON m.project_id = p.id AND m.name = 'prevent_vul' AND m.value = 'true'
LEFT JOIN project_metadata s ON s.project_id = p.id AND s.name = 'severity';

-- pull_verdict_view: the verdicts in force now (reason NULL: passes).
CREATE VIEW pull_verdict_view AS
SELECT project, digest, policy, CASE WHEN blocked_from <= now() THEN reason END AS reason
FROM pull_verdict;
