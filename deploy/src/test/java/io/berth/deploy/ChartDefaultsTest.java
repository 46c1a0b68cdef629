package io.berth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.common.config.BerthConfigLoader;
import io.smallrye.config.ConfigMapping;
import io.berth.common.secret.SecretBox;
import io.berth.common.token.TokenKeys;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart with its default values: a trial with internal PostgreSQL and Redis, an ingress with a generated certificate. */
class ChartDefaultsTest {
    static Rendered chart;

    @BeforeAll
    static void render() {
        chart = Rendered.render(List.of());
    }

    @Test
    void everyServiceRunsOnceWithProbesOnItsManagementPortAndNoPrivileges() {
        for (String component : Rendered.COMPONENTS) {
            Deployment d = chart.deployment(component);
            assertThat(d.getSpec().getReplicas()).isEqualTo(1);
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            assertThat(c.getImage()).isEqualTo("berth/" + Map.IMAGES.get(component) + ":" + System.getProperty("berth.version"));
            assertProbe(c.getStartupProbe(), "/q/health/started");
            assertProbe(c.getLivenessProbe(), "/q/health/live");
            assertProbe(c.getReadinessProbe(), "/q/health/ready");
            assertThat(c.getPorts()).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo("management");
                assertThat(p.getContainerPort()).isEqualTo(Map.MANAGEMENT_PORTS.get(component));
            });
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("tmp")).singleElement()
                    .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
            assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(pod.getTopologySpreadConstraints()).extracting(t -> t.getTopologyKey()).contains("kubernetes.io/hostname");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            var annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
            assertThat(annotations).containsKeys("checksum/config", "checksum/secrets")
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", String.valueOf(Map.MANAGEMENT_PORTS.get(component)))
                    .containsEntry("prometheus.io/path", "/q/metrics");
        }
        assertThat(chart.all(PodDisruptionBudget.class)).as("no PodDisruptionBudget for single replicas").isEmpty();
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }

    @Test
    void theServicesFindTheInternalDatabaseAndRedisAndEachOther() {
        var env = chart.configMap();
        assertThat(env).containsEntry("BERTH_EXTERNAL_URL", "https://core.berth.domain")
                .containsEntry("BERTH_DATABASE_URL", "postgresql://berth-database:5432/berth")
                .containsEntry("BERTH_DATABASE_USER", "berth")
                .containsEntry("BERTH_STORAGE_DRIVER", "filesystem")
                .containsEntry("BERTH_REGISTRY_URL", "http://berth-registry:8081")
                .containsEntry("BERTH_CORE_URL", "http://berth-core:8082")
                .containsEntry("BERTH_JOBSERVICE_URL", "http://berth-jobservice:8083")
                .containsEntry("BERTH_SCANNER_URL", "http://berth-scanner:8084")
                .containsEntry("BERTH_SCANNER_BUILTIN_URL", "http://berth-scanner:8084")
                .containsEntry("BERTH_LOG_LEVEL", "INFO");
        for (String backend : List.of("registry", "core", "jobservice")) {
            assertThat(chart.env(backend, "BERTH_REDIS_URL")).isEqualTo("redis://berth-redis:6379/0");
            EnvVar password = chart.envVar(backend, "BERTH_DATABASE_PASSWORD");
            assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("berth-database");
            assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        }
        for (String stateless : List.of("gateway", "scanner")) {
            assertThat(chart.container(stateless).getEnv()).extracting(EnvVar::getName).doesNotContain("BERTH_DATABASE_PASSWORD", "BERTH_REDIS_URL");
        }
        StatefulSet postgres = chart.get(StatefulSet.class, "berth-database");
        Container pg = postgres.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(pg.getImage()).isEqualTo("docker.io/library/postgres:16");
        assertThat(pg.getEnv()).filteredOn(e -> e.getName().equals("POSTGRES_PASSWORD")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("berth-database"));
        assertThat(chart.secretValue("berth-database", "password")).hasSize(24);
        assertThat(chart.get(StatefulSet.class, "berth-redis").getSpec().getVolumeClaimTemplates()).hasSize(1);
    }

    @Test
    void onlyCoreGetsTheAdminPasswordAndTheSigningKeyStaysOffTheRegistry() {
        EnvVar admin = chart.envVar("core", "BERTH_ADMIN_PASSWORD");
        assertThat(admin.getValueFrom().getSecretKeyRef().getName()).isEqualTo("berth-admin");
        assertThat(chart.secretValue("berth-admin", "BERTH_ADMIN_PASSWORD")).matches("[A-Za-z0-9]{20}");
        for (String other : List.of("registry", "jobservice", "scanner", "gateway")) {
            assertThat(chart.container(other).getEnv()).extracting(EnvVar::getName).doesNotContain("BERTH_ADMIN_PASSWORD");
        }
        assertThat(tokenItems("registry")).containsExactly("tls.crt");
        assertThat(tokenItems("core")).containsExactly("tls.crt", "tls.key");
        assertThat(tokenItems("jobservice")).containsExactly("tls.crt", "tls.key");
        assertThat(volume("gateway", "token")).isNull();
        assertThat(volume("scanner", "token")).isNull();
        assertThat(volume("scanner", "secret-key")).isNull();
        assertThat(volume("core", "secret-key").getSecret().getSecretName()).isEqualTo("berth-secret-key");
        assertThat(volume("jobservice", "secret-key").getSecret().getSecretName()).isEqualTo("berth-secret-key");
        assertThat(volume("registry", "secret-key")).isNull();
        assertThat(chart.get(Secret.class, "berth-secret-key").getMetadata().getAnnotations())
                .containsEntry("helm.sh/resource-policy", "keep");
    }

    private static List<String> tokenItems(String component) {
        Volume token = volume(component, "token");
        assertThat(token.getSecret().getSecretName()).isEqualTo("berth-token");
        return token.getSecret().getItems().stream().map(i -> i.getPath()).toList();
    }

    private static Volume volume(String component, String name) {
        return chart.deployment(component).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(name)).findFirst().orElse(null);
    }

    /** The generated token key signs what the generated certificate verifies, read by Berth's own code; the sealing key opens. */
    @Test
    void theGeneratedKeysAreOnesBerthReads(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("tls.key"), chart.secretValue("berth-token", "tls.key"));
        Path crt = Files.writeString(dir.resolve("tls.crt"), chart.secretValue("berth-token", "tls.crt"));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(TokenKeys.readPrivateKey(key));
        signer.update("token".getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(TokenKeys.readPublicKeys(crt).get(0));
        verifier.update("token".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(signature)).isTrue();

        Path secretKey = Files.writeString(dir.resolve("secret.key"), chart.secretValue("berth-secret-key", "secretKey"));
        SecretBox box = SecretBox.fromFile(secretKey);
        assertThat(box.decrypt(box.encrypt("remote password"))).isEqualTo("remote password");
    }

    @Test
    void theIngressServesTheHostWithACertificateForItSignedByTheGeneratedCa() throws Exception {
        Ingress ingress = chart.get(Ingress.class, "berth");
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(r -> {
            assertThat(r.getHost()).isEqualTo("core.berth.domain");
            assertThat(r.getHttp().getPaths()).singleElement().satisfies(p -> {
                assertThat(p.getPath()).isEqualTo("/");
                assertThat(p.getBackend().getService().getName()).isEqualTo("berth-gateway");
                assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http");
            });
        });
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(t -> {
            assertThat(t.getHosts()).containsExactly("core.berth.domain");
            assertThat(t.getSecretName()).isEqualTo("berth-tls");
        });
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "0");
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate ca = (X509Certificate) x509.generateCertificate(
                new ByteArrayInputStream(chart.secretValue("berth-tls", "ca.crt").getBytes(StandardCharsets.US_ASCII)));
        X509Certificate cert = (X509Certificate) x509.generateCertificate(
                new ByteArrayInputStream(chart.secretValue("berth-tls", "tls.crt").getBytes(StandardCharsets.US_ASCII)));
        cert.verify(ca.getPublicKey());
        assertThat(cert.getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1)).isEqualTo("core.berth.domain"));
        assertThat(chart.get(Secret.class, "berth-tls").getType()).isEqualTo("kubernetes.io/tls");
        // the ingress terminates TLS: the gateway does not
        assertThat(chart.configMap()).doesNotContainKey("BERTH_TLS_CERT");
    }

    @Test
    void blobsGoToAKeptReadWriteOnceClaimThatTheRegistryReplacesRatherThanShares() {
        PersistentVolumeClaim pvc = chart.get(PersistentVolumeClaim.class, "berth-registry");
        assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(pvc.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("5Gi");
        assertThat(pvc.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(chart.deployment("registry").getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(volume("registry", "storage").getPersistentVolumeClaim().getClaimName()).isEqualTo("berth-registry");
        assertThat(chart.configMap()).containsEntry("BERTH_STORAGE_FILESYSTEM_ROOT", "/var/lib/berth/storage");
        assertThat(chart.container("registry").getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/var/lib/berth/storage"));
    }

    @Test
    void onlyTheGatewayTakesTrafficFromOutside() {
        NetworkPolicy deny = chart.get(NetworkPolicy.class, "berth-default-deny");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
        NetworkPolicy gateway = chart.get(NetworkPolicy.class, "berth-gateway");
        assertThat(gateway.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getFrom()).isNullOrEmpty();
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getStrVal()).containsExactly("http");
        });
        for (String inside : List.of("registry", "core", "jobservice", "scanner")) {
            NetworkPolicy p = chart.get(NetworkPolicy.class, "berth-" + inside);
            assertThat(p.getSpec().getIngress()).allSatisfy(rule -> assertThat(rule.getFrom()).isNotEmpty());
            assertThat(p.getSpec().getIngress()).anySatisfy(rule -> assertThat(rule.getFrom()).singleElement()
                    .satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                            .containsEntry("app.kubernetes.io/instance", "berth")));
        }
    }

    /** Every BERTH_* variable the chart sets is a key of berth.yaml (its config mappings): nothing set that Berth does not read. */
    @Test
    void everyBerthVariableIsAKeyBerthReads() {
        Set<String> known = new TreeSet<>();
        for (Class<?> mapping : BerthConfigLoader.mappings()) {
            String section = mapping.getAnnotation(ConfigMapping.class).prefix().replaceFirst("^berth\\.?", "");
            keys(mapping, section.isEmpty() ? "" : section.toUpperCase() + "_", known);
        }
        Set<String> set = new TreeSet<>();
        for (String component : Rendered.COMPONENTS) {
            set.addAll(chart.container(component).getEnv().stream().map(EnvVar::getName).filter(n -> n.startsWith("BERTH_")).toList());
        }
        set.addAll(chart.configMap().keySet());
        assertThat(known).contains("BERTH_DATABASE_URL", "BERTH_STORAGE_S3_PATH_STYLE", "BERTH_TOKEN_PRIVATE_KEY");
        assertThat(set).isNotEmpty().isSubsetOf(known);
        for (Rendered other : List.of(Rendered.render(List.of(Rendered.values("values-ha.yaml"))))) {
            Set<String> more = new TreeSet<>(other.configMap().keySet());
            for (String component : Rendered.COMPONENTS) {
                more.addAll(other.container(component).getEnv().stream().map(EnvVar::getName).filter(n -> n.startsWith("BERTH_")).toList());
            }
            assertThat(more).isSubsetOf(known);
        }
    }

    private static void keys(Class<?> type, String prefix, Set<String> out) {
        for (Method m : type.getMethods()) {
            if (m.isDefault() || m.getParameterCount() > 0 || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String name = prefix + m.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
            Class<?> r = m.getReturnType();
            if (r.isInterface() && r.getName().startsWith("io.berth.common.config")) {
                keys(r, name + "_", out);
            } else {
                out.add("BERTH_" + name);
            }
        }
    }

    /** Component names, their images and ports, as the launcher and docs/configuration.md have them. */
    static final class Map {
        static final java.util.Map<String, String> IMAGES = java.util.Map.of("gateway", "proxy-gateway", "registry",
                "registry-service", "core", "core-service", "jobservice", "jobservice", "scanner", "scanner");
        static final java.util.Map<String, Integer> MANAGEMENT_PORTS = java.util.Map.of("gateway", 9080, "registry", 9081,
                "core", 9082, "jobservice", 9083, "scanner", 9084);
    }

    static List<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> objects) {
        List<String> names = new ArrayList<>();
        objects.forEach(o -> names.add(o.getMetadata().getName()));
        return names;
    }
}
