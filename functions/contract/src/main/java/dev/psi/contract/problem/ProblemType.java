package dev.psi.contract.problem;

/**
 * The problem types PSI answers with. Clients switch on {@link #uri()}, never on the title text.
 * URNs on purpose: the type identifies the problem; this enum is its documentation.
 */
public enum ProblemType {
    VALIDATION(400, "The request is not valid"),
    MALFORMED(400, "The request body cannot be read"),
    UNAUTHENTICATED(401, "Authentication is required"),
    FORBIDDEN(403, "Not allowed"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict with the current state"),
    DUPLICATE(409, "Already exists"),
    INSUFFICIENT_STOCK(409, "Insufficient stock"),
    ILLEGAL_TRANSITION(409, "Not allowed in the current state"),
    PRECONDITION_FAILED(412, "The resource has changed"),
    TOO_LARGE(413, "The request is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency-Key reused with a different request"),
    PRECONDITION_REQUIRED(428, "If-Match is required"),
    RATE_LIMITED(429, "Too many requests"),
    UNAVAILABLE(503, "Temporarily unavailable"),
    INTERNAL(500, "Internal error");

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return "urn:psi:problem:" + name().toLowerCase().replace('_', '-');
    }
}
