package io.berth.launcher;

import io.berth.common.config.BerthConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** A Berth service as the launcher runs it: its module, its port, and its JVM settings. */
record ServiceSpec(String name, String module, Function<BerthConfig, Integer> port,
        Function<BerthConfig, List<String>> jvmOptions) {

    /** In start order; the gateway last, so it never forwards to a service that is not up yet. */
    static final List<ServiceSpec> ALL = List.of(
            // What requests hold in the registry's heap is bounded for all of them together (MemoryBudget), and
            // S3 parts are spooled to disk: 128 MiB of heap carry any number of concurrent uploads.
            new ServiceSpec("registry", "registry-service", c -> c.registry().port(), c -> List.of("-Xmx128m", "-XX:+UseSerialGC")),
            new ServiceSpec("core", "core-service", c -> c.core().port(), c -> List.of("-Xmx256m", "-XX:+UseSerialGC")),
            new ServiceSpec("jobservice", "jobservice", c -> c.jobservice().port(), c -> List.of("-Xmx256m", "-XX:+UseSerialGC")),
            new ServiceSpec("gateway", "proxy-gateway", c -> c.gateway().port(), c -> List.of("-Xmx128m", "-XX:+UseSerialGC")));

    static List<String> names() {
        return ALL.stream().map(ServiceSpec::name).toList();
    }

    static ServiceSpec named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name) || s.module.equals(name)).findFirst()
                .orElseThrow(() -> new LaunchException("no service '" + name + "'; services: " + String.join(", ", names())));
    }

    Path jar(Path home) {
        return home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
