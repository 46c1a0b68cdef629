package io.berth.jvm.deployment;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ModuleOpenBuildItem;

/**
 * Opens the JDK's digest implementation to the application, so registry-service can save the state of
 * a SHA-256/512 digest at the end of an upload chunk and resume it on another replica. Quarkus turns
 * this into the packaged jar's {@code Add-Opens} entry, and applies it to test and dev JVMs itself.
 */
class DigestStateOpens {

    @BuildStep
    ModuleOpenBuildItem digestState() {
        return new ModuleOpenBuildItem("java.base", "io.berth.registry", "sun.security.provider", "java.security");
    }
}
