package dev.psi.kernel.events;

/** What {@code POST /events} did with a delivery; the {@code outcome} label of psi_events_consumed_total. */
public enum EventOutcome {
    /** Applied now (2xx). */
    APPLIED,
    /** Applied before: the inbox already holds its id (2xx). */
    DUPLICATE,
    /** A valid PSI type this function does not handle (2xx). */
    IGNORED,
    /** Can never succeed (400): goes to the dead-letter sink. */
    REJECTED,
    /** Failed for a reason worth a retry (5xx). */
    FAILED;

    public String label() {
        return name().toLowerCase();
    }
}
