package io.berth.deploy;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Renders the chart with one values file into a file: what deploy/podman/play.sh plays. */
public final class Render {
    private Render() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: Render <chart> <values.yaml> <output file>");
        }
        Path output = Path.of(args[2]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, new Helm(Path.of(args[0])).template().withName(PlainManifests.RELEASE)
                .withValuesFile(Path.of(args[1])).call());
        System.out.println("wrote " + output);
    }
}
