package io.berth.launcher;

import io.berth.common.config.CoreConfig;
import io.berth.common.config.GatewayConfig;
import io.berth.common.config.JobserviceConfig;
import io.berth.common.config.RegistryConfig;
import io.berth.common.config.ScannerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A Berth service as the launcher runs it: its module, its port, and its JVM settings. */
record ServiceSpec(String name, String module, Function<Configuration, Integer> port,
        Function<Configuration, Integer> managementPort, Function<Configuration, List<String>> jvmOptions) {

    /** In start order; the gateway last, so it never forwards to a service that is not up yet. */
    static final List<ServiceSpec> ALL = List.of(
            // What requests hold is bounded for all of them together (MemoryBudget), upload bodies wait for their
            // write in direct memory, and S3 parts are spooled to disk: 96 MiB of heap carry any number of
            // concurrent uploads. In the benchmark, four concurrent 1 GiB uploads peaked at 273-293 MiB of RSS
            // with 128 MiB and bodies on the heap; at 270-272 with 96 MiB and bodies off it.
            new ServiceSpec("registry", "registry-service", c -> c.mapping(RegistryConfig.class).port(),
                    c -> c.mapping(RegistryConfig.class).managementPort(), c -> jvm("-Xmx96m")),
            new ServiceSpec("core", "core-service", c -> c.mapping(CoreConfig.class).port(),
                    c -> c.mapping(CoreConfig.class).managementPort(), c -> jvm("-Xmx256m")),
            new ServiceSpec("jobservice", "jobservice", c -> c.mapping(JobserviceConfig.class).port(),
                    c -> c.mapping(JobserviceConfig.class).managementPort(), c -> jvm("-Xmx256m")),
            // Scans stream layers and hold only capped metadata files: 256 MiB scanned a 1 GiB layer (bench/scan-bench.sh).
            new ServiceSpec("scanner", "scanner", c -> c.mapping(ScannerConfig.class).port(),
                    c -> c.mapping(ScannerConfig.class).managementPort(), c -> jvm("-Xmx256m")),
            new ServiceSpec("gateway", "proxy-gateway", c -> c.mapping(GatewayConfig.class).port(),
                    c -> c.mapping(GatewayConfig.class).managementPort(), c -> jvm("-Xmx128m")));

    private static List<String> jvm(String heap) {
        List<String> options = new ArrayList<>(List.of(heap, "-XX:+UseSerialGC"));
        if (trimsNativeHeap(Runtime.version())) {
            // Native memory the JVM freed (compiler arenas, mostly) goes back to the system every 5 s instead
            // of staying in glibc's arenas: registry-service's RSS after a benchmark's worth of work, during
            // four concurrent 1 GiB uploads, was 284 MiB with it and 324 without.
            options.add("-XX:TrimNativeHeapInterval=5000");
        }
        return List.copyOf(options);
    }

    /** Whether this JVM knows {@code TrimNativeHeapInterval} (an unknown option would stop it from starting). */
    static boolean trimsNativeHeap(Runtime.Version version) {
        return version.feature() >= 22
                || version.feature() == 21 && version.update() >= 1
                || version.feature() == 17 && version.update() >= 9;
    }

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
