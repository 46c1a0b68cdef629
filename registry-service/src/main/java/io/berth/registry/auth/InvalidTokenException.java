package io.berth.registry.auth;

/** A bearer token was presented but cannot be accepted (bad signature, expired, wrong issuer or audience, malformed). */
public class InvalidTokenException extends RuntimeException {
    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
