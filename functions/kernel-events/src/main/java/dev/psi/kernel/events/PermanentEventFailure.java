package dev.psi.kernel.events;

import dev.psi.contract.problem.ProblemType;

/**
 * Thrown by an {@link EventHandler} for an event that can never be applied, however often it is
 * redelivered (it names an order that does not exist, breaks a rule of the current state...).
 * The transaction rolls back and {@code POST /events} answers 400, so the sender stops retrying
 * and hands the event to its dead-letter sink.
 */
public class PermanentEventFailure extends RuntimeException {

    private final ProblemType problemType;

    public PermanentEventFailure(String detail) {
        this(ProblemType.VALIDATION, detail, null);
    }

    public PermanentEventFailure(ProblemType problemType, String detail) {
        this(problemType, detail, null);
    }

    public PermanentEventFailure(ProblemType problemType, String detail, Throwable cause) {
        super(detail, cause);
        this.problemType = problemType;
    }

    /** The problem type reported in the 400 answer (its status is always 400 here). */
    public ProblemType problemType() {
        return problemType;
    }
}
