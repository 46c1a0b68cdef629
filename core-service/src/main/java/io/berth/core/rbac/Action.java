package io.berth.core.rbac;

/** What can be done in a project (Harbor's RBAC resources and actions, the ones Berth serves). */
public enum Action {
    READ_PROJECT, UPDATE_PROJECT, DELETE_PROJECT,
    PULL, PUSH, DELETE_ARTIFACT,
    READ_MEMBERS, MANAGE_MEMBERS,
    READ_ROBOTS, MANAGE_ROBOTS,
    READ_LOGS,
    CREATE_TAG, DELETE_TAG,
    MANAGE_LABELS, LABEL_ARTIFACT,
    READ_IMMUTABLE_RULES, MANAGE_IMMUTABLE_RULES,
    MANAGE_WEBHOOKS,
    READ_SCANNER, MANAGE_SCANNER, SCAN
}
