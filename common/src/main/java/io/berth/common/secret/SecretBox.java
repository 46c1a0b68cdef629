package io.berth.common.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept at rest (credentials of remote registries) with AES-256-GCM under the key in
 * {@code secret_key_file}, which every service that needs them reads. The text form is
 * {@code v1:<base64 of nonce | ciphertext+tag>}.
 */
public final class SecretBox {
    private static final String PREFIX = "v1:";
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The box of the key in {@code file}; a new random key is written there (mode 600) if the file is missing. */
    public static SecretBox fromFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".secret", ".tmp");
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the directory's ACL applies
            }
            try {
                Files.createLink(file, temporary); // atomic, and never replaces: a service that raced us keeps its key
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another service created it first: use theirs
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
        if (key.length != 32) {
            throw new IOException(file + " must hold 32 bytes, base64-encoded");
        }
        return new SecretBox(key);
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    /** The plain text; fails if the text was not sealed with this key or was altered. */
    public String decrypt(String sealed) {
        if (sealed == null) {
            return null;
        }
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE));
            return new String(cipher.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the secret cannot be decrypted with this key (altered, or another secret_key_file)", e);
        }
    }
}
