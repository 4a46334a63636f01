package dev.psi.embedded;

/** Where a service came from. */
public enum Source {
    /** Named by the environment. Never started or stopped here. */
    CONFIGURED,
    /** Found answering on its default address. Never started or stopped here. */
    FOUND,
    /** A real server run from Maven artifacts (or the machine's redis-server) for this data directory. */
    EMBEDDED
}
