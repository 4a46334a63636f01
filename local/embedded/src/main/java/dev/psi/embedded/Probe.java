package dev.psi.embedded;

/** Which addresses are asked before an embedded server is started in their place. */
public enum Probe {
    /** A configured service (DATABASE_HOST, REDIS_HOST, KAFKA_BOOTSTRAP_SERVERS set) is used as given; else embedded. */
    NONE,
    /**
     * As {@link #NONE}, but an unconfigured service that answers on its default address is used:
     * 127.0.0.1 on DATABASE_PORT (3306), REDIS_PORT (6379), and Kafka on 127.0.0.1:19092.
     */
    DEFAULTS,
    /** Every address, configured or default, is asked; an embedded server replaces whatever does not answer. */
    ALL
}
