-- Project settings stored before the API refused those Berth does not act on (ProjectMetadata): a
-- stored auto_scan "true" was shown back as if artifacts were scanned. Such settings are removed, as if
-- never set (Harbor reads a missing key as off); the values the API still accepts are kept.
DELETE FROM project_metadata
WHERE (name IN ('auto_scan', 'prevent_vul', 'enable_content_trust', 'enable_content_trust_cosign', 'auto_sbom_generation')
       AND value <> 'false')
   OR name = 'retention_id'
   OR (name IN ('proxy_speed_kb', 'max_upstream_conn') AND value NOT IN ('-1', '0'))
   OR (name IN ('proxy_cache_local_on_not_found', 'proxy_referrer_api') AND value <> 'false')
   OR (name IN ('proxy_cache_filter_pattern', 'proxy_cache_filter_kind') AND value <> '');
