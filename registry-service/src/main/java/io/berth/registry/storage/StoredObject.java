package io.berth.registry.storage;

import java.time.Instant;

/** One stored object as a listing sees it: its path, size in bytes and last modification. */
public record StoredObject(String path, long size, Instant modified) {}
