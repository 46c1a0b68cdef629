package io.berth.common.error;

/**
 * The error codes of the OCI Distribution Spec, plus those CNCF Distribution adds and clients know
 * (UNAVAILABLE, UNKNOWN, RANGE_INVALID, …), each with its HTTP status and the spec's message.
 */
public enum OciErrorCode {
    BLOB_UNKNOWN(404, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
    DIGEST_INVALID(400, "provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID(400, "manifest invalid"),
    MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
    MANIFEST_UNVERIFIED(400, "manifest failed signature verification"),
    NAME_INVALID(400, "invalid repository name"),
    NAME_UNKNOWN(404, "repository name not known to registry"),
    SIZE_INVALID(400, "provided length did not match content length"),
    TAG_INVALID(400, "manifest tag did not match URI"),
    RANGE_INVALID(416, "invalid content range"),
    PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
    UNAUTHORIZED(401, "authentication required"),
    DENIED(403, "requested access to the resource is denied"),
    UNSUPPORTED(400, "the operation is unsupported"),
    METHOD_UNSUPPORTED(405, "the operation is unsupported"),
    ENDPOINT_UNKNOWN(404, "no such endpoint"),
    TOOMANYREQUESTS(429, "too many requests"),
    MANIFEST_TOO_LARGE(413, "manifest exceeds the size limit"),
    TOO_MANY_TAGS(414, "too many tags in one request"),
    MANIFEST_REFERENCED(409, "manifest is referenced by an index in this repository"),
    /** Harbor's answer to moving or deleting a tag an immutable tag rule protects: 412, code PRECONDITION. */
    TAG_IMMUTABLE(412, "the tag is immutable"),
    /**
     * Harbor's answer to pulling an image a project policy forbids (prevent_vul: vulnerabilities at or above the project's
     * severity, or no scan): 412, code PROJECTPOLICYVIOLATION, the message naming the policy.
     */
    PROJECTPOLICYVIOLATION(412, "the artifact cannot be pulled due to a project policy"),
    UNAVAILABLE(503, "service unavailable"),
    BAD_GATEWAY(502, "bad gateway"),
    UNKNOWN(500, "unknown error");

    private final int status;
    private final String message;

    OciErrorCode(int status, String message) {
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }

    /** The code as written on the wire: a few entries are a spec code with another status. */
    public String wireCode() {
        return switch (this) {
            case METHOD_UNSUPPORTED, ENDPOINT_UNKNOWN -> "UNSUPPORTED";
            case MANIFEST_TOO_LARGE -> "MANIFEST_INVALID";
            case TOO_MANY_TAGS -> "TAG_INVALID";
            case MANIFEST_REFERENCED -> "DENIED";
            case TAG_IMMUTABLE -> "PRECONDITION";
            default -> name();
        };
    }
}
