package io.berth.common.client;

/** A manifest's exact bytes as the registry serves them, with its media type and digest. */
public record Manifest(byte[] content, String mediaType, String digest) {}
