package io.berth.common.selector;

/** A selector that cannot be used (unknown kind or decoration, empty or invalid pattern), or a match abandoned; the message says why. */
public class SelectorException extends IllegalArgumentException {
    public SelectorException(String message) {
        super(message);
    }
}
