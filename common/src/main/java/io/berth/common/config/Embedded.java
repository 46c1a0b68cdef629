package io.berth.common.config;

/** Whether {@code ./berth up} may start a server of its own instead of using a running one. */
public enum Embedded { AUTO, ALWAYS, NEVER }
