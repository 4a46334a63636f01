package dev.psi.contract.common;

/** A resource with a version for optimistic locking: its ETag, and what {@code If-Match} names. */
public interface Versioned {

    int version();
}
