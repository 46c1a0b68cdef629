package io.berth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chart rendered by Helm's own library, every object parsed into the fabric8 Kubernetes model. A field the
 * model does not know (a typo, a field in the wrong place) is an error, not an "additional property".
 */
final class Rendered {
    static final Path CHART = Path.of(System.getProperty("berth.chart", "helm/berth"));
    static final String RELEASE = "berth";
    static final String NAMESPACE = "registry";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "ConfigMap", ConfigMap.class, "Secret", Secret.class, "Service", Service.class,
            "PersistentVolumeClaim", PersistentVolumeClaim.class, "Deployment", Deployment.class,
            "StatefulSet", StatefulSet.class, "Ingress", Ingress.class, "NetworkPolicy", NetworkPolicy.class,
            "PodDisruptionBudget", PodDisruptionBudget.class, "ServiceMonitor", ServiceMonitor.class);

    final String yaml;
    final List<HasMetadata> objects;

    private Rendered(String yaml, List<HasMetadata> objects) {
        this.yaml = yaml;
        this.objects = objects;
    }

    /** Renders with the values files and then the --set pairs (key, value, key, value, ...). */
    static Rendered render(List<Path> valuesFiles, Object... sets) {
        return parse(template(valuesFiles, sets));
    }

    /** A values file of src/test/resources. */
    static Path values(String name) {
        try {
            return Path.of(Rendered.class.getResource("/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String template(List<Path> valuesFiles, Object... sets) {
        FakeCluster.start();
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        valuesFiles.forEach(template::withValuesFile);
        for (int i = 0; i < sets.length; i += 2) {
            template.set((String) sets[i], sets[i + 1]);
        }
        return template.call();
    }

    static Rendered parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            for (JsonNode node : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (node == null || node.isNull() || node.isEmpty()) {
                    continue;
                }
                String kind = node.path("kind").asText();
                Class<? extends HasMetadata> type = KINDS.get(kind);
                assertThat(type).as("a kind the chart is expected to render: " + kind).isNotNull();
                HasMetadata object = YAML.treeToValue(node, type);
                List<String> unknown = new ArrayList<>();
                unknownFields(object, kind + "/" + object.getMetadata().getName(), unknown, new IdentityHashMap<>());
                assertThat(unknown).as("fields the Kubernetes model does not know").isEmpty();
                objects.add(object);
            }
        } catch (IOException e) {
            throw new AssertionError("the rendered chart is not valid YAML: " + e.getMessage() + "\n" + yaml, e);
        }
        return new Rendered(yaml, objects);
    }

    /** Every non-empty additionalProperties map in the object graph: fields the model had no place for. */
    private static void unknownFields(Object o, String path, List<String> out, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, out, seen));
            return;
        }
        if (!o.getClass().getPackageName().startsWith("io.fabric8")) {
            return;
        }
        try {
            for (PropertyDescriptor p : Introspector.getBeanInfo(o.getClass(), Object.class).getPropertyDescriptors()) {
                Method getter = p.getReadMethod();
                if (getter == null || getter.getParameterCount() > 0) {
                    continue;
                }
                Object value = getter.invoke(o);
                if (p.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> m && !m.isEmpty()) {
                        out.add(path + ": " + m.keySet());
                    }
                } else {
                    unknownFields(value, path + "." + p.getName(), out, seen);
                }
            }
        } catch (ReflectiveOperationException | java.beans.IntrospectionException e) {
            throw new IllegalStateException(e);
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in "
                        + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
    }

    boolean has(Class<? extends HasMetadata> type, String name) {
        return all(type).stream().anyMatch(o -> o.getMetadata().getName().equals(name));
    }

    Deployment deployment(String component) {
        return get(Deployment.class, RELEASE + "-" + component);
    }

    Container container(String component) {
        return deployment(component).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** The value of an environment variable as the container sees it: its env, or the ConfigMap of its envFrom. */
    String env(String component, String name) {
        Container c = container(component);
        for (EnvVar e : c.getEnv()) {
            if (e.getName().equals(name)) {
                return e.getValue();
            }
        }
        for (var from : c.getEnvFrom()) {
            ConfigMap map = get(ConfigMap.class, from.getConfigMapRef().getName());
            if (map.getData().containsKey(name)) {
                return map.getData().get(name);
            }
        }
        return null;
    }

    EnvVar envVar(String component, String name) {
        return container(component).getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(component + " has no env " + name));
    }

    Map<String, String> configMap() {
        return get(ConfigMap.class, RELEASE + "-env").getData();
    }

    String secretValue(String secret, String key) {
        Secret s = get(Secret.class, secret);
        String value = s.getData().get(key);
        assertThat(value).as(secret + " has " + key).isNotNull();
        return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }

    static final Set<String> COMPONENTS = Set.of("gateway", "registry", "core", "jobservice", "scanner");
}
