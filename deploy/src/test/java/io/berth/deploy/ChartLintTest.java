package io.berth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChartLintTest {

    @Test
    void helmLintStrictFindsNothing() {
        LintResult lint = new Helm(Rendered.CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    /** The images' default tag is the chart's appVersion: it must be the version the build makes the images with. */
    @Test
    void theChartsAppVersionIsTheProjectVersion() throws Exception {
        Matcher appVersion = Pattern.compile("(?m)^appVersion:\\s*\"?([^\"\\s]+)\"?")
                .matcher(Files.readString(Rendered.CHART.resolve("Chart.yaml")));
        assertThat(appVersion.find()).isTrue();
        assertThat(appVersion.group(1)).isEqualTo(System.getProperty("berth.version"));
    }
}
