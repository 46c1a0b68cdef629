package io.berth.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A verified password is remembered, so that a client's repeated token requests pay bcrypt once, and only that password. */
class PasswordHasherTest {
    final PasswordHasher hasher = new PasswordHasher();

    @Test
    void aVerifiedPasswordIsNotHashedAgainWithinTheWindow() {
        String hash = hasher.hash("Secret123");
        assertThat(hasher.verify("alice", "Secret123", hash)).isTrue();
        long paid = hasher.bcryptChecks();
        for (int i = 0; i < 5; i++) {
            assertThat(hasher.verify("alice", "Secret123", hash)).isTrue();
        }
        assertThat(hasher.bcryptChecks()).isEqualTo(paid);
    }

    @Test
    void aWrongPasswordIsRefusedAndCheckedEachTimeWhileTheRightOneIsRemembered() {
        String hash = hasher.hash("Secret123");
        assertThat(hasher.verify("alice", "Secret123", hash)).isTrue();
        long paid = hasher.bcryptChecks();
        assertThat(hasher.verify("alice", "Secret124", hash)).isFalse();
        assertThat(hasher.verify("alice", "Secret124", hash)).isFalse();
        assertThat(hasher.bcryptChecks()).isEqualTo(paid + 2);
        assertThat(hasher.verify("bob", "Secret123", hash)).isTrue(); // another account is its own entry
        assertThat(hasher.bcryptChecks()).isEqualTo(paid + 3);
    }

    @Test
    void aChangedPasswordEndsTheRememberedOneAtOnceEvenWithoutForget() {
        String old = hasher.hash("Secret123");
        assertThat(hasher.verify("alice", "Secret123", old)).isTrue();
        String changed = hasher.hash("Other4567"); // another replica changed it: this one only sees the new hash
        assertThat(hasher.verify("alice", "Secret123", changed)).isFalse();
        assertThat(hasher.verify("alice", "Other4567", changed)).isTrue();
    }

    @Test
    void aForgottenAccountPaysBcryptAgain() {
        String hash = hasher.hash("Secret123");
        assertThat(hasher.verify("alice", "Secret123", hash)).isTrue();
        hasher.forget("alice");
        long paid = hasher.bcryptChecks();
        assertThat(hasher.verify("alice", "Secret123", hash)).isTrue();
        assertThat(hasher.bcryptChecks()).isEqualTo(paid + 1);
    }

    @Test
    void aMissingAccountIsRefusedAfterTheSameWork() {
        long paid = hasher.bcryptChecks();
        assertThat(hasher.verify("nobody", "Secret123", null)).isFalse();
        assertThat(hasher.verify("nobody", "Secret123", null)).isFalse();
        assertThat(hasher.bcryptChecks()).isEqualTo(paid + 2);
    }
}
