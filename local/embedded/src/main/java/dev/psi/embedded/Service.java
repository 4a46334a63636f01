package dev.psi.embedded;

/** One service in use, for a start-up table: {@code pid} is -1 unless the process is an embedded server. */
public record Service(String name, String address, Source source, long pid) {
}
