package io.berth.core.project;

/**
 * A proxy-cache project was created, inside the creating transaction (fired synchronously): retention gives it
 * Harbor's default policy. An event, so that the project feature does not depend on the features built on projects.
 */
public record ProxyCacheProjectCreated(long projectId) {}
