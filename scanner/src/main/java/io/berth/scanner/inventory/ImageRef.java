package io.berth.scanner.inventory;

/** The image an inventory is of: where it was pulled from, its manifest's digest and media type, its platform. */
public record ImageRef(String repository, String digest, String mediaType, String os, String architecture) {}
