package dev.psi.kernel.events;

import dev.psi.kernel.db.Tx;

/**
 * What a function does with the events delivered to its {@code POST /events}. A function that
 * consumes events declares exactly one such {@code @Singleton}; its presence switches on the
 * kernel's {@code /events} endpoints.
 *
 * <p>Its {@link #routes} run inside the inbox transaction: the {@code (consumer, ce-id)} inbox row and
 * every write the handler makes (including {@link Outbox#append} of the events it answers with)
 * commit together or not at all, so a redelivered event is never applied twice. Throw
 * {@link PermanentEventFailure} (or a 4xx {@link dev.psi.kernel.web.ProblemException}) for an event
 * that can never succeed; anything else is answered 5xx and retried by the sender.
 */
public interface EventHandler {

    /** The inbox consumer name, e.g. {@code stock-adjust}; stable, at most 64 characters. */
    String consumer();

    /**
     * What this consumer does per event type (build them once, e.g. in a field). A route runs in the
     * inbox transaction and may run again after a deadlock (the whole transaction is retried), so
     * side effects outside the database go through {@link Tx#afterCommit}.
     */
    EventRoutes routes();

    /** Group commit for events that contend for the same rows; {@code null} (the default): every event alone. */
    @io.micronaut.core.annotation.Nullable
    default BatchedRoutes batching() {
        return null;
    }
}
