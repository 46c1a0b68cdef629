package io.berth.common.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    @Test
    void sealsWithAKeyCreatedOnceAndOpensOnlyWithIt() throws Exception {
        Path dir = Files.createTempDirectory("secret");
        SecretBox box = SecretBox.fromFile(dir.resolve("secrets/secret.key"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secrets/secret.key")))).isEqualTo("rw-------");
        String sealed = box.encrypt("registry password");
        assertThat(sealed).startsWith("v1:").doesNotContain("password");
        assertThat(box.encrypt("registry password")).isNotEqualTo(sealed);
        assertThat(SecretBox.fromFile(dir.resolve("secrets/secret.key")).decrypt(sealed)).isEqualTo("registry password");

        SecretBox other = SecretBox.fromFile(dir.resolve("other.key"));
        assertThatThrownBy(() -> other.decrypt(sealed)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret_key_file");
        String altered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> box.decrypt(altered)).isInstanceOf(IllegalArgumentException.class);
        assertThat(box.encrypt(null)).isNull();
    }
}
