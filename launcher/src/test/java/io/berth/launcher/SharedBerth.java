package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Berth, started by {@code ./berth up} once, for the test classes that need no Berth of their own: each
 * {@code ./berth up} is four JVM starts and a database migrated (tens of seconds on 2 cores), and the classes that share
 * this one use repositories, users and labels no other class uses. A class takes it as the {@link BerthSystem}
 * parameter of its {@code @BeforeAll} ({@code @ExtendWith(SharedBerth.class)}); the first to ask starts it, and it is
 * stopped, its database dropped, once every test class has run (JUnit closes the AutoCloseable values of its root store). The classes
 * that share it run first, in their {@code @Order} (see {@code junit-platform.properties}), {@link GcIT} before any
 * other: its collection is of the whole registry and counts what it deleted, which another class's untagged
 * manifests would change.
 */
final class SharedBerth implements ParameterResolver {
    static final String ADMIN_PASSWORD = "Harbor12345";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedBerth.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BerthSystem.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(BerthSystem.class, k -> start(), BerthSystem.class);
    }

    private static BerthSystem start() {
        BerthSystem berth = null;
        try {
            berth = new BerthSystem(Map.of("BERTH_ADMIN_PASSWORD", ADMIN_PASSWORD));
            BerthSystem.Result up = berth.berth("up");
            assertThat(up.exit()).as(up.output()).isZero();
            return berth;
        } catch (Exception | AssertionError e) {
            if (berth != null) {
                try {
                    berth.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            if (e instanceof AssertionError failed) {
                throw failed;
            }
            throw new IllegalStateException("./berth up of the shared Berth: " + e.getMessage(), e);
        }
    }
}
