{{/*
Refusals at render time: values Berth cannot run with, or cannot act on, stop `helm install/upgrade/template`
with a message that says what to change. Included once, from configmap.yaml.
*/}}
{{- define "berth.validate" -}}
{{- $v := .Values -}}
{{- if not (regexMatch "^https?://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?(/[^\\s]*)?$" ($v.externalURL | toString)) -}}
{{- fail (printf "externalURL %q is not a URL: give the address clients reach Berth at, e.g. https://registry.example.com (http or https, a host, an optional port and path)" ($v.externalURL | toString)) -}}
{{- end -}}
{{- if not (has $v.expose.type (list "ingress" "clusterIP" "nodePort" "loadBalancer")) -}}
{{- fail (printf "expose.type %q: use ingress, clusterIP, nodePort or loadBalancer" $v.expose.type) -}}
{{- end -}}
{{- if not (has $v.expose.tls.certSource (list "auto" "secret" "none")) -}}
{{- fail (printf "expose.tls.certSource %q: use auto, secret or none" $v.expose.tls.certSource) -}}
{{- end -}}
{{- if and (include "berth.tlsEnabled" .) (eq $v.expose.tls.certSource "secret") (not $v.expose.tls.secret.secretName) -}}
{{- fail "expose.tls.certSource is secret but expose.tls.secret.secretName is empty: name the kubernetes.io/tls Secret (or the one cert-manager should fill in), or use certSource auto" -}}
{{- end -}}
{{- if and (or $v.expose.ingress.certManager.clusterIssuer $v.expose.ingress.certManager.issuer) (or (ne $v.expose.type "ingress") (ne $v.expose.tls.certSource "secret")) -}}
{{- fail "expose.ingress.certManager is set: cert-manager issues the ingress certificate, so use expose.type ingress with expose.tls.certSource secret and expose.tls.secret.secretName naming the Secret it fills" -}}
{{- end -}}
{{- if and $v.expose.ingress.certManager.clusterIssuer $v.expose.ingress.certManager.issuer -}}
{{- fail "expose.ingress.certManager: set clusterIssuer or issuer, not both" -}}
{{- end -}}
{{- if and (eq $v.expose.type "ingress") (not $v.expose.ingress.hosts.core) -}}
{{- fail "expose.ingress.hosts.core is empty: give the host name the ingress answers for (the host of externalURL)" -}}
{{- end -}}
{{- if and (include "berth.tlsEnabled" .) (hasPrefix "http://" $v.externalURL) -}}
{{- fail (printf "externalURL %s is http:// but TLS is on (expose.tls): use https://, or set expose.tls.enabled false" $v.externalURL) -}}
{{- end -}}
{{- if not (include "berth.logLevel" .) -}}
{{- fail (printf "logLevel %q: use trace, debug, info, warn, error or fatal" $v.logLevel) -}}
{{- end -}}
{{- if not (has $v.logFormat (list "text" "json")) -}}
{{- fail (printf "logFormat %q: use text or json" $v.logFormat) -}}
{{- end -}}
{{- /* storage */ -}}
{{- $storage := $v.persistence.imageChartStorage -}}
{{- if not (has $storage.type (list "filesystem" "s3")) -}}
{{- fail (printf "persistence.imageChartStorage.type %q: Berth stores blobs on a filesystem or in S3-compatible object storage (AWS S3, MinIO, Ceph RGW); use filesystem or s3" $storage.type) -}}
{{- end -}}
{{- if and (eq $storage.type "filesystem") (gt (int $v.registry.replicas) 1) -}}
{{- if not $v.persistence.enabled -}}
{{- fail (printf "registry.replicas is %d with filesystem storage and persistence.enabled false: each replica would have its own emptyDir and see none of the others' blobs. Enable persistence with a ReadWriteMany volume, use imageChartStorage.type s3, or run 1 replica" (int $v.registry.replicas)) -}}
{{- end -}}
{{- if ne $v.persistence.persistentVolumeClaim.registry.accessMode "ReadWriteMany" -}}
{{- fail (printf "registry.replicas is %d with filesystem storage, but persistence.persistentVolumeClaim.registry.accessMode is %s: every replica must mount the same volume. Set accessMode ReadWriteMany with a storageClass that provides it (NFS, CephFS, EFS; with existingClaim, a claim that is ReadWriteMany), use imageChartStorage.type s3, or run 1 replica" (int $v.registry.replicas) $v.persistence.persistentVolumeClaim.registry.accessMode) -}}
{{- end -}}
{{- end -}}
{{- if eq $storage.type "s3" -}}
{{- $s3 := $storage.s3 -}}
{{- if not $s3.bucket -}}
{{- fail "persistence.imageChartStorage.s3.bucket is empty: name the bucket that holds the blobs" -}}
{{- end -}}
{{- if and (not $s3.regionendpoint) (not $s3.secure) -}}
{{- fail "persistence.imageChartStorage.s3.secure is false without a regionendpoint: Berth reaches AWS S3 over HTTPS only; set secure true, or give the regionendpoint of your S3-compatible service" -}}
{{- end -}}
{{- if and $s3.regionendpoint (regexMatch "^[a-zA-Z][a-zA-Z0-9+.-]*://" $s3.regionendpoint) (ne (hasPrefix "https://" $s3.regionendpoint) $s3.secure) -}}
{{- fail (printf "persistence.imageChartStorage.s3.regionendpoint %s disagrees with secure %v: write the endpoint without a scheme, or make secure match it" $s3.regionendpoint $s3.secure) -}}
{{- end -}}
{{- if and $s3.accesskey (not $s3.secretkey) -}}
{{- fail "persistence.imageChartStorage.s3.accesskey is set without secretkey: give both, or existingSecret, or neither (the AWS default credentials chain)" -}}
{{- end -}}
{{- if and $s3.existingSecret $s3.accesskey -}}
{{- fail "persistence.imageChartStorage.s3: set accesskey/secretkey or existingSecret, not both" -}}
{{- end -}}
{{- $chunk := $s3.chunksize | toString | atoi -}}
{{- if or (lt $chunk 5242880) (gt $chunk 5368709120) (ne (mod $chunk 1048576) 0) -}}
{{- fail (printf "persistence.imageChartStorage.s3.chunksize %v: Berth's multipart parts are whole MiB from 5 MiB (5242880) to 5 GiB (5368709120)" $s3.chunksize) -}}
{{- end -}}
{{- end -}}
{{- /* database */ -}}
{{- if not (has $v.database.type (list "internal" "external")) -}}
{{- fail (printf "database.type %q: use internal (a trial PostgreSQL in the cluster) or external" $v.database.type) -}}
{{- end -}}
{{- if eq $v.database.type "external" -}}
{{- if not $v.database.external.host -}}
{{- fail "database.type is external but database.external.host is empty: give the PostgreSQL server's host (and port, username, password or existingSecret, coreDatabase), or use database.type internal for a trial" -}}
{{- end -}}
{{- if not (has $v.database.external.sslmode (list "disable" "prefer" "require")) -}}
{{- fail (printf "database.external.sslmode %q: Berth has no setting for a CA to verify PostgreSQL's certificate with; use disable, prefer or require" $v.database.external.sslmode) -}}
{{- end -}}
{{- if and $v.database.external.password $v.database.external.existingSecret -}}
{{- fail "database.external: set password or existingSecret, not both" -}}
{{- end -}}
{{- if and (not $v.database.external.password) (not $v.database.external.existingSecret) -}}
{{- fail "database.type is external but neither database.external.password nor database.external.existingSecret is set: Berth logs in with a password" -}}
{{- end -}}
{{- end -}}
{{- /* redis */ -}}
{{- if not (has $v.redis.type (list "internal" "external")) -}}
{{- fail (printf "redis.type %q: use internal (a trial Redis in the cluster) or external" $v.redis.type) -}}
{{- end -}}
{{- if eq $v.redis.type "external" -}}
{{- if not $v.redis.external.addr -}}
{{- fail "redis.type is external but redis.external.addr is empty: give host:port, or the sentinels' host:port list with sentinelMasterSet" -}}
{{- end -}}
{{- range (splitList "," $v.redis.external.addr) -}}
{{- if not (regexMatch "^[A-Za-z0-9.-]+:[0-9]{1,5}$" (trim .)) -}}
{{- fail (printf "redis.external.addr: %q is not host:port (a comma-separated list with Sentinel)" (trim .)) -}}
{{- end -}}
{{- end -}}
{{- if and (gt (len (splitList "," $v.redis.external.addr)) 1) (not $v.redis.external.sentinelMasterSet) -}}
{{- fail "redis.external.addr lists several addresses but sentinelMasterSet is empty: with Redis Sentinel, name the master set; otherwise give one host:port" -}}
{{- end -}}
{{- if not (regexMatch "^[0-9]+$" ($v.redis.external.coreDatabaseIndex | toString)) -}}
{{- fail "redis.external.coreDatabaseIndex must be a database number" -}}
{{- end -}}
{{- if and $v.redis.external.password $v.redis.external.existingSecret -}}
{{- fail "redis.external: set password or existingSecret, not both" -}}
{{- end -}}
{{- if and $v.redis.external.password (not (regexMatch "^([A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+$" $v.redis.external.password)) -}}
{{- fail "redis.external.password goes into a redis:// URL: percent-encode characters other than letters, digits and -._~" -}}
{{- end -}}
{{- end -}}
{{- if and $v.hostNetwork (or (gt (int $v.gateway.replicas) 1) (gt (int $v.registry.replicas) 1) (gt (int $v.core.replicas) 1) (gt (int $v.jobservice.replicas) 1)) -}}
{{- fail "hostNetwork is true with more than one replica of a component: replicas on one host would fight over the same ports; run 1 of each" -}}
{{- end -}}
{{- end -}}
