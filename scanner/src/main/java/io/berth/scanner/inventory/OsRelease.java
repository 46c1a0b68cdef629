package io.berth.scanner.inventory;

/** What {@code /etc/os-release} says: {@code ID}, {@code VERSION_ID}, {@code VERSION_CODENAME}, {@code PRETTY_NAME}. */
public record OsRelease(String id, String versionId, String codename, String prettyName) {}
