package io.berth.scanner.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merged view of layers: whiteouts, opaque directories, replaced files, hard links, hostile names. */
class LayerWalkerTest {
    private final MergedView<String> view = new MergedView<>();

    /** Keeps the content of every file whose name ends in .txt. */
    private void layer(TestTar tar) throws IOException {
        LayerWalker.walk(new ByteArrayInputStream(tar.bytes()), view, (path, size, executable, content) ->
                path.endsWith(".txt") ? new String(content.readAllBytes(), StandardCharsets.UTF_8) : null);
    }

    @Test
    void upperLayerReplacesAndWhiteoutsHide() throws IOException {
        layer(new TestTar().file("etc/a.txt", "a1").file("etc/b.txt", "b1").file("opt/app/c.txt", "c1").file("opt/app/sub/d.txt", "d1"));
        layer(new TestTar().file("etc/a.txt", "a2").file("etc/.wh.b.txt", "").file("opt/.wh.app", ""));
        assertThat(view.result()).isEqualTo(Map.of("/etc/a.txt", "a2"));
    }

    @Test
    void opaqueDirectoryHidesOnlyTheLayersBelow() throws IOException {
        layer(new TestTar().file("srv/old.txt", "old").file("srv/keep/x.txt", "x").file("other/y.txt", "y"));
        layer(new TestTar().dir("srv").file("srv/.wh..wh..opq", "").file("srv/new.txt", "new"));
        assertThat(view.result()).isEqualTo(Map.of("/srv/new.txt", "new", "/other/y.txt", "y"));
    }

    @Test
    void whiteoutDoesNotHideTheSameLayersFile() throws IOException {
        layer(new TestTar().file("a.txt", "1"));
        layer(new TestTar().file(".wh.a.txt", "").file("a.txt", "2"));
        assertThat(view.result()).isEqualTo(Map.of("/a.txt", "2"));
    }

    @Test
    void fileReplacingADirectoryHidesItsContent() throws IOException {
        layer(new TestTar().file("data/inner.txt", "inner"));
        layer(new TestTar().file("data", "now a file".getBytes(), 0644));
        assertThat(view.result()).isEmpty();
    }

    @Test
    void symlinkReplacingAFileHidesIt() throws IOException {
        layer(new TestTar().file("etc/os.txt", "real"));
        layer(new TestTar().symlink("etc/os.txt", "/usr/lib/os.txt"));
        assertThat(view.result()).isEmpty();
    }

    @Test
    void hardLinkGetsItsTargetsContent() throws IOException {
        layer(new TestTar().file("usr/lib/a.txt", "shared"));
        layer(new TestTar().hardlink("opt/b.txt", "usr/lib/a.txt").file("x/c.txt", "c").hardlink("x/d.txt", "./x/c.txt"));
        assertThat(view.result()).isEqualTo(Map.of("/usr/lib/a.txt", "shared", "/opt/b.txt", "shared", "/x/c.txt", "c", "/x/d.txt", "c"));
    }

    @Test
    void namesAboveTheRootAreNotPartOfTheImage() throws IOException {
        layer(new TestTar().file("../../escape.txt", "out").file("a/../../b.txt", "out").file("./ok/../fine.txt", "in")
                .symlink("etc/passwd.txt", "/etc/passwd"));
        assertThat(view.result()).isEqualTo(Map.of("/fine.txt", "in"));
    }

    @Test
    void normalizesNames() {
        assertThat(LayerWalker.normalize("./a/b")).isEqualTo("/a/b");
        assertThat(LayerWalker.normalize("/a//./b/")).isEqualTo("/a/b");
        assertThat(LayerWalker.normalize("a/c/../b")).isEqualTo("/a/b");
        assertThat(LayerWalker.normalize("..")).isNull();
        assertThat(LayerWalker.normalize("a/../..")).isNull();
        assertThat(LayerWalker.normalize("./")).isEqualTo("/");
    }
}
