package io.berth.registry.auth;

import io.berth.common.error.OciErrorCode;
import io.berth.common.error.OciException;

/** 401 with the {@code WWW-Authenticate} challenge that tells the client where to get a token for what. */
public class Unauthorized extends OciException {
    private final String challenge;

    /** {@code detail}: the access the token lacks (Distribution's {@code [{Type, Name, Action}]}), or null. */
    public Unauthorized(String message, String challenge, Object detail) {
        super(OciErrorCode.UNAUTHORIZED, message, detail);
        this.challenge = challenge;
    }

    public String challenge() {
        return challenge;
    }
}
