#!/usr/bin/env bash
# The security hub's queries at scale, in one run, on a database of its own made by core's and registry-service's own
# migrations: ARTIFACTS image manifests (in 50 repositories of 5 projects, each tagged) with one stored vulnerability
# report of FINDINGS findings each, plus an older report of each that no longer counts. Prints medians of RUNS runs (ms):
#   store     storing every report (the UPDATE ScanReports.store runs), with V21's trigger writing the findings and,
#             as the reference, with the trigger disabled: what the findings table costs a report's storage;
#   list      /vulnerabilities' first page (10, highest score first) and its count, by CVE, by severity + project, by tag;
#   summary   /security/summary's counts and top lists;
# each against its reference in the same run: the same answer computed from the reports' JSON
# (jsonb_array_elements over every artifact's newest report), what the hub would do without core.vulnerability_record.
# The hub's SQL is SecurityHubViews' (kept the same by hand). Needs: psql.
#   bench/securityhub-bench.sh                          # RUNS=5 ARTIFACTS=5000 FINDINGS=40
#   RUNS=3 ARTIFACTS=1000 bench/securityhub-bench.sh
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${RUNS:-5} ARTIFACTS=${ARTIFACTS:-5000} FINDINGS=${FINDINGS:-40}
BENCH=securityhub-bench
. "$home/bench/lib.sh"
sql() { psql -q -X -h 127.0.0.1 -U "$PG_USER" -d "$db" -v ON_ERROR_STOP=1 "$@"; }
ms() { sql -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1; } # the last statement's time
med() { local i; for i in $(seq 1 "$RUNS"); do ms "$1"; done | median; }

psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "CREATE DATABASE $db" >/dev/null
sql -c "CREATE SCHEMA registry" -c "CREATE SCHEMA core"
for f in $(ls "$home/registry-service/src/main/resources/db/registry"/V*.sql | sort -V); do PGOPTIONS="-c search_path=registry" sql -f "$f" >/dev/null; done
for f in $(ls "$home/core-service/src/main/resources/db/core"/V*.sql | sort -V); do PGOPTIONS="-c search_path=core" sql -f "$f" >/dev/null; done

# --- data: projects, repositories, manifests, tags; two reports per artifact, both recorded, none stored yet --------
sql <<SQL
INSERT INTO core.project (name) SELECT 'p' || i FROM generate_series(0, 4) i;
INSERT INTO registry.repository (name, project) SELECT 'p' || (i % 5) || '/r' || i, 'p' || (i % 5) FROM generate_series(0, 49) i;
INSERT INTO registry.manifest (repository_id, digest, media_type, content, total_size)
SELECT r.id, 'sha256:' || lpad(to_hex(a), 64, '0'), 'application/vnd.oci.image.manifest.v1+json', '{}'::bytea, 1000
FROM generate_series(0, $ARTIFACTS - 1) a JOIN registry.repository r ON r.name = 'p' || (a % 50 % 5) || '/r' || (a % 50);
INSERT INTO registry.tag (repository_id, name, manifest_digest) SELECT repository_id, 'v' || substr(digest, 60), digest FROM registry.manifest;
INSERT INTO core.scan_report (uuid, project_id, repository, digest, registration_uuid, scanner_name, scan_type, mime_type)
SELECT gen_random_uuid()::text || n, p.id, r.name, m.digest, 'reg', 'Berth', 'vulnerability', 'application/vnd.security.vulnerability.report; version=1.1'
FROM generate_series(1, 2) n, registry.manifest m JOIN registry.repository r ON r.id = m.repository_id JOIN core.project p ON p.name = r.project
ORDER BY n, m.digest;
CREATE TABLE reports AS SELECT s.id, jsonb_build_object('vulnerabilities', (SELECT jsonb_agg(jsonb_build_object(
    'id', 'CVE-2024-' || ((s.id * 7 + f * 13) % 3000), 'package', 'pkg' || (f % 97), 'version', '1.' || (f % 5),
    'fix_version', CASE WHEN f % 3 = 0 THEN '' ELSE '2.0' END,
    'severity', (ARRAY['Critical', 'High', 'Medium', 'Low', 'Unknown', 'Negligible'])[1 + (s.id + f) % 6],
    'description', repeat('text of the advisory ', 10), 'links', jsonb_build_array('https://nvd.nist.gov/vuln/detail/x'),
    'preferred_cvss', jsonb_build_object('score_v3', ((s.id * 31 + f * 17) % 100) / 10.0)))
    FROM generate_series(1, $FINDINGS) f)) AS report FROM core.scan_report s;
SQL
store="UPDATE core.scan_report s SET report = r.report, severity = 'High', summary = '{}', end_time = now() FROM reports r WHERE r.id = s.id"
unstore="UPDATE core.scan_report SET report = NULL; TRUNCATE core.vulnerability_record"
stored=(); reference=()
for _ in $(seq 1 "$RUNS"); do
  sql -c "$unstore"; stored+=("$(ms "$store")")
  sql -c "$unstore"; reference+=("$(ms "ALTER TABLE core.scan_report DISABLE TRIGGER scan_report_stored; $store")")
  sql -c "ALTER TABLE core.scan_report ENABLE TRIGGER scan_report_stored"
done
sql -c "$unstore" -c "$store" -c "VACUUM ANALYZE"
findings=$(sql -tA -c "SELECT count(*) FROM core.vulnerability_record")
echo "data: $ARTIFACTS artifacts, $((ARTIFACTS * 2)) reports stored, $findings findings rows (half of them of the newest reports)"
printf '%-34s %10s %10s\n' "" "hub ms" "json ms"
printf '%-34s %10s %10s\n' "store all reports" "$(printf '%s\n' "${stored[@]}" | median)" "$(printf '%s\n' "${reference[@]}" | median)"

# --- the hub's SQL (SecurityHubViews) and the same answers from the JSON -------------------------------------
newest="JOIN registry.artifact_view a ON a.repository = s.repository AND a.digest = s.digest
  WHERE NOT EXISTS (SELECT 1 FROM core.scan_report n WHERE n.repository = s.repository AND n.digest = s.digest AND n.id > s.id
  AND n.scan_type = 'vulnerability' AND n.report IS NOT NULL) AND "
hub="SELECT %s FROM core.vulnerability_record v JOIN core.scan_report s ON s.id = v.report_id $newest %s"
json="WITH v AS (SELECT s.project_id, s.repository, s.digest, e ->> 'id' AS cve_id, core.vulnerability_severity(e ->> 'severity') AS severity,
  (e -> 'preferred_cvss' ->> 'score_v3')::float8 AS cvss_score_v3, e ->> 'package' AS package, e ->> 'version' AS version,
  coalesce(e ->> 'fix_version', '') AS fixed_version, e ->> 'description' AS description, e -> 'links' AS links
  FROM core.scan_report s CROSS JOIN LATERAL jsonb_array_elements(s.report -> 'vulnerabilities') e $newest
  s.scan_type = 'vulnerability' AND s.report IS NOT NULL)
  SELECT %s FROM v WHERE %s"
cols="s.project_id, s.repository, s.digest, v.cve_id, v.severity, v.cvss_score_v3, v.package, v.version, v.fixed_version, v.description, v.links::text"
jcols="project_id, repository, digest, cve_id, severity, cvss_score_v3, package, version, fixed_version, description, links::text"
page=" ORDER BY v.cvss_score_v3 DESC NULLS LAST, v.id LIMIT 10"
jpage=" ORDER BY cvss_score_v3 DESC NULLS LAST LIMIT 10"
list() { # name, hub condition, json condition
  local h j
  h=$(med "$(printf "$hub" "$cols" "$2")$page; SELECT count(*) FROM ($(printf "$hub" 1 "$2")) x")
  j=$(med "$(printf "$json" "$jcols" "$3")$jpage; SELECT count(*) FROM ($(printf "$json" 1 "$3")) x")
  printf '%-34s %10s %10s\n' "$1" "$h" "$j"
}
# the page and the count are two statements: ms() reports the last, so each is timed on its own too
list "list page 1 + count (count)" "true" "true"
h=$(med "$(printf "$hub" "$cols" true)$page"); j=$(med "$(printf "$json" "$jcols" true)$jpage")
printf '%-34s %10s %10s\n' "list page 1 (page)" "$h" "$j"
list "q=cve_id (count)" "v.cve_id = 'CVE-2024-42'" "cve_id = 'CVE-2024-42'"
list "q=project_id,severity (count)" "s.project_id = 3 AND v.severity = 'Critical'" "project_id = 3 AND severity = 'Critical'"
list "q=tag (count)" "EXISTS (SELECT 1 FROM registry.tag_view t WHERE t.repository = s.repository AND t.digest = s.digest AND t.name = 'v11')" \
  "EXISTS (SELECT 1 FROM registry.tag_view t WHERE t.repository = v.repository AND t.digest = v.digest AND t.name = 'v11')"
counts="count(*) FILTER (WHERE v.severity = 'Critical'), count(*) FILTER (WHERE v.severity = 'High'), count(*) FILTER (WHERE v.fixed_version <> '')"
h=$(med "$(printf "$hub" "$counts" true)"); j=$(med "$(printf "$json" "${counts//v./}" true)")
printf '%-34s %10s %10s\n' "summary counts" "$h" "$j"
top="DISTINCT ON (v.cve_id, v.package, v.version) v.cve_id, v.cvss_score_v3"
h=$(med "SELECT * FROM ($(printf "$hub" "$top" "v.cvss_score_v3 IS NOT NULL") ORDER BY v.cve_id, v.package, v.version, v.cvss_score_v3 DESC) d ORDER BY cvss_score_v3 DESC LIMIT 5")
j=$(med "SELECT * FROM ($(printf "$json" "${top//v./}" "cvss_score_v3 IS NOT NULL") ORDER BY cve_id, package, version, cvss_score_v3 DESC) d ORDER BY cvss_score_v3 DESC LIMIT 5")
printf '%-34s %10s %10s\n' "summary dangerous_cves" "$h" "$j"
