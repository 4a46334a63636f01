package dev.psi.kernel.events;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What one {@code POST /outbox/sweep} did: rows published, rows whose send failed (left pending,
 * attempts and last_error updated), and rows still pending afterwards (any producer's).
 */
@Serdeable
public record SweepResult(int published, int failed, long pending) {
}
