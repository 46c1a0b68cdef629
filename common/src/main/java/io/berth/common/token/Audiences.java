package io.berth.common.token;

/** The audiences ({@code aud}) of the tokens core signs, besides the registry's (configured as {@code token.service}). */
public final class Audiences {
    /** core's calls to jobservice's {@code /jobs} API. */
    public static final String JOBSERVICE = "berth-jobservice";

    private Audiences() {}
}
