package io.berth.scanner.image;

/** A blob a manifest points at. */
public record Descriptor(String mediaType, String digest, long size) {}
