package io.berth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed article's values-prod.yaml shape, and everything highly available (S3, Redis Sentinel, 3 replicas of each). */
class ChartProductionTest {

    @Test
    void theSeedArticlesShapeExternalDatabaseAndRedisNfsAndAnIngressWithTls() {
        Rendered chart = Rendered.render(List.of(Rendered.values("values-prod.yaml")));
        var env = chart.configMap();
        assertThat(env).containsEntry("BERTH_DATABASE_URL", "postgresql://postgresql.kube-ops.svc.cluster.local:5432/berth")
                .containsEntry("BERTH_DATABASE_USER", "gitlab")
                .containsEntry("BERTH_REDIS_CLIENT_TYPE", "standalone")
                .containsEntry("BERTH_LOG_LEVEL", "DEBUG")
                .containsEntry("BERTH_EXTERNAL_URL", "https://berth.k8s.local");
        assertThat(chart.secretValue("berth-database", "password")).isEqualTo("passw0rd");
        assertThat(chart.secretValue("berth-admin", "BERTH_ADMIN_PASSWORD")).isEqualTo("Berth12345");
        for (String backend : List.of("registry", "core", "jobservice")) {
            assertThat(chart.env(backend, "BERTH_REDIS_URL")).isEqualTo("redis://redis.kube-ops.svc.cluster.local:6379/0");
            assertThat(chart.envVar(backend, "BERTH_DATABASE_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("berth-database");
        }
        assertThat(chart.has(StatefulSet.class, "berth-database")).isFalse();
        assertThat(chart.has(StatefulSet.class, "berth-redis")).isFalse();

        PersistentVolumeClaim pvc = chart.get(PersistentVolumeClaim.class, "berth-registry");
        assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        assertThat(pvc.getSpec().getStorageClassName()).isEqualTo("nfs-client");
        assertThat(chart.deployment("registry").getSpec().getReplicas()).isEqualTo(2);
        assertThat(chart.deployment("registry").getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(chart.get(PodDisruptionBudget.class, "berth-registry").getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(chart.has(PodDisruptionBudget.class, "berth-core")).isFalse();

        Ingress ingress = chart.get(Ingress.class, "berth");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getRules()).extracting(r -> r.getHost()).containsExactly("berth.k8s.local");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(t -> {
            assertThat(t.getHosts()).containsExactly("berth.k8s.local");
            assertThat(t.getSecretName()).isEqualTo("berth-tls");
        });
        assertThat(chart.secretValue("berth-tls", "tls.crt")).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void s3SentinelAndThreeReplicasOfEverything() {
        Rendered chart = Rendered.render(List.of(Rendered.values("values-ha.yaml")));
        for (String component : Rendered.COMPONENTS) {
            assertThat(chart.deployment(component).getSpec().getReplicas()).as(component).isEqualTo(3);
            assertThat(chart.get(PodDisruptionBudget.class, "berth-" + component).getSpec().getSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/component", component);
            ServiceMonitor monitor = chart.get(ServiceMonitor.class, "berth-" + component);
            assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
            assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(e -> {
                assertThat(e.getPort()).isEqualTo("management");
                assertThat(e.getPath()).isEqualTo("/q/metrics");
                assertThat(e.getInterval()).isEqualTo("30s");
            });
        }
        // storage: S3, no claim, credentials from the named Secret
        assertThat(chart.all(PersistentVolumeClaim.class)).isEmpty();
        assertThat(chart.deployment("registry").getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(chart.deployment("registry").getSpec().getTemplate().getSpec().getVolumes())
                .extracting(v -> v.getName()).doesNotContain("storage");
        assertThat(chart.configMap()).containsEntry("BERTH_STORAGE_DRIVER", "s3")
                .containsEntry("BERTH_STORAGE_S3_BUCKET", "berth-blobs")
                .containsEntry("BERTH_STORAGE_S3_REGION", "eu-west-1")
                .containsEntry("BERTH_STORAGE_S3_ENDPOINT", "http://minio.storage.svc:9000")
                .containsEntry("BERTH_STORAGE_S3_PATH_STYLE", "true")
                .containsEntry("BERTH_STORAGE_S3_PREFIX", "berth")
                .containsEntry("BERTH_STORAGE_S3_PART_SIZE_MIB", "32")
                .containsEntry("BERTH_STORAGE_S3_REDIRECT", "true")
                .doesNotContainKey("BERTH_STORAGE_FILESYSTEM_ROOT");
        EnvVar access = chart.envVar("registry", "BERTH_STORAGE_S3_ACCESS_KEY");
        assertThat(access.getValueFrom().getSecretKeyRef().getName()).isEqualTo("berth-s3-credentials");
        assertThat(access.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("REGISTRY_STORAGE_S3_ACCESSKEY");
        assertThat(chart.envVar("registry", "BERTH_STORAGE_S3_SECRET_KEY").getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("REGISTRY_STORAGE_S3_SECRETKEY");
        assertThat(chart.container("core").getEnv()).extracting(EnvVar::getName).doesNotContain("BERTH_STORAGE_S3_ACCESS_KEY");

        // Redis Sentinel: every sentinel, the master set, the password from a Secret by reference
        assertThat(chart.configMap()).containsEntry("BERTH_REDIS_CLIENT_TYPE", "sentinel")
                .containsEntry("BERTH_REDIS_MASTER_NAME", "mymaster");
        for (String backend : List.of("registry", "core", "jobservice")) {
            List<String> names = chart.container(backend).getEnv().stream().map(EnvVar::getName).toList();
            assertThat(names.indexOf("REDIS_PASSWORD")).as("defined before the URL that refers to it")
                    .isNotNegative().isLessThan(names.indexOf("BERTH_REDIS_URL"));
            assertThat(chart.envVar(backend, "REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("berth-redis");
            assertThat(chart.env(backend, "BERTH_REDIS_URL")).isEqualTo(
                    "redis://:$(REDIS_PASSWORD)@sentinel-0.redis:26379/2,redis://:$(REDIS_PASSWORD)@sentinel-1.redis:26379/2,"
                            + "redis://:$(REDIS_PASSWORD)@sentinel-2.redis:26379/2");
        }
        assertThat(chart.secretValue("berth-redis", "REDIS_PASSWORD")).isEqualTo("s3cret-pass");
        assertThat(chart.yaml).doesNotContain("s3cret-pass");

        // PostgreSQL: external, TLS required, password from the operator's Secret (no Secret of ours)
        assertThat(chart.configMap()).containsEntry("BERTH_DATABASE_URL", "postgresql://berth-pg-rw.db.svc:5432/berth?sslmode=require");
        assertThat(chart.envVar("core", "BERTH_DATABASE_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("berth-pg-app");
        assertThat(chart.has(io.fabric8.kubernetes.api.model.Secret.class, "berth-database")).isFalse();

        // a LoadBalancer in front of the gateway, which terminates TLS with the generated certificate
        assertThat(chart.all(Ingress.class)).isEmpty();
        Service gateway = chart.get(Service.class, "berth-gateway");
        assertThat(gateway.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(gateway.getSpec().getLoadBalancerSourceRanges()).containsExactly("10.0.0.0/8");
        assertThat(gateway.getSpec().getPorts()).anySatisfy(p -> {
            assertThat(p.getPort()).isEqualTo(443);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("https");
        });
        assertThat(chart.configMap()).containsEntry("BERTH_TLS_CERT", "/etc/berth/tls/tls.crt")
                .containsEntry("BERTH_TLS_KEY", "/etc/berth/tls/tls.key");
        assertThat(chart.deployment("gateway").getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(v -> v.getName().equals("tls")).singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("berth-tls"));
    }
}
