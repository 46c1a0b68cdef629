package io.berth.core.testing;

import io.berth.common.error.HarborException;

/** What the API would answer for a service call a test makes directly. */
public final class Answers {
    private Answers() {}

    /** The HTTP status of the call's outcome: 200 if it returns, else its {@link HarborException}'s. */
    public static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (HarborException e) {
            return e.status();
        }
    }
}
