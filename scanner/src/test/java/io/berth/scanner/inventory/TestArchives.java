package io.berth.scanner.inventory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Java archives for tests: the real old jars Maven put in {@code target/test-jars} (log4j-core 2.14.1, jackson-databind
 * 2.9.8), a Spring Boot style fat jar that nests log4j-core under {@code BOOT-INF/lib/} (stored, as Spring Boot stores them),
 * and a zip bomb: a jar holding a jar of zeros that inflates far past the test's cap.
 */
public final class TestArchives {
    public static final Path JARS = Path.of("target/test-jars");
    public static final Path LOG4J = JARS.resolve("log4j-core-2.14.1.jar");
    public static final Path JACKSON = JARS.resolve("jackson-databind-2.9.8.jar");

    private TestArchives() {}

    public static byte[] fatJar() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\nMain-Class: org.springframework.boot.loader.JarLauncher\n\n".getBytes());
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("META-INF/maven/com.example/shop/pom.properties"));
            zip.write("groupId=com.example\nartifactId=shop\nversion=1.0.0\n".getBytes());
            zip.closeEntry();
            stored(zip, "BOOT-INF/lib/log4j-core-2.14.1.jar", Files.readAllBytes(LOG4J));
        }
        return out.toByteArray();
    }

    /** A jar whose nested jar holds {@code mib} MiB of stored zeros: a few hundred KiB that inflate to {@code mib} MiB. */
    public static byte[] zipBomb(int mib) throws IOException {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(inner)) {
            stored(zip, "zeros.bin", new byte[mib << 20]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("lib/inner.jar"));
            zip.write(inner.toByteArray());
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }
}
