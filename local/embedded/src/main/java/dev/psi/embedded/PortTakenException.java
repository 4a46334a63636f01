package dev.psi.embedded;

/** A port given for an embedded server is in use. The message says which and what to do; print it as it is. */
public final class PortTakenException extends IllegalStateException {

    private final String service;
    private final int port;

    PortTakenException(String service, int port) {
        super("port " + port + " for the embedded " + service + " is taken by another process: free it, choose another"
                + " port, or point PSI at a server that already runs (" + variables(service) + ")");
        this.service = service;
        this.port = port;
    }

    public String service() {
        return service;
    }

    public int port() {
        return port;
    }

    private static String variables(String service) {
        return switch (service) {
            case MariaDbServer.NAME -> "DATABASE_HOST, DATABASE_PORT";
            case RedisServer.NAME -> "REDIS_HOST, REDIS_PORT";
            default -> "KAFKA_BOOTSTRAP_SERVERS";
        };
    }
}
