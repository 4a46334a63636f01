package dev.psi.kernel.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

@Factory
final class ClockFactory {

    /** Microseconds, what DATETIME(6) keeps: a time read back equals the time written. */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1_000));
    }
}
