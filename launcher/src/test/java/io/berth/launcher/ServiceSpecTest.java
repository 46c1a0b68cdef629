package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceSpecTest {

    @Test
    void nativeHeapTrimIsAskedOnlyOfJvmsThatKnowIt() {
        assertThat(ServiceSpec.trimsNativeHeap(Runtime.Version.parse("17.0.8"))).isFalse();
        assertThat(ServiceSpec.trimsNativeHeap(Runtime.Version.parse("17.0.9"))).isTrue();
        assertThat(ServiceSpec.trimsNativeHeap(Runtime.Version.parse("20.0.2"))).isFalse();
        assertThat(ServiceSpec.trimsNativeHeap(Runtime.Version.parse("21"))).isFalse();
        assertThat(ServiceSpec.trimsNativeHeap(Runtime.Version.parse("21.0.1"))).isTrue();
        assertThat(ServiceSpec.trimsNativeHeap(Runtime.Version.parse("25"))).isTrue();
    }

    @Test
    void everyServicesOptionsStartThisJvm() throws IOException, InterruptedException {
        for (ServiceSpec service : ServiceSpec.ALL) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(service.jvmOptions().apply(null));
            command.add("-version");
            Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(java.getInputStream().readAllBytes());
            assertThat(java.waitFor()).as(service.name() + ": " + output).isZero();
        }
    }
}
