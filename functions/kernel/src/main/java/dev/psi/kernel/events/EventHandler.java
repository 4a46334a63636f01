package dev.psi.kernel.events;

import dev.psi.contract.events.EventType;
import dev.psi.kernel.db.Tx;
import java.sql.SQLException;
import java.util.Set;

/**
 * What a function does with the events delivered to its {@code POST /events}. A function that
 * consumes events declares exactly one such {@code @Singleton}; its presence switches on the
 * kernel's {@code /events} endpoints.
 *
 * <p>{@link #handle} runs inside the inbox transaction: the {@code (consumer, ce-id)} inbox row and
 * every write the handler makes (including {@link Outbox#append} of the events it answers with)
 * commit together or not at all, so a redelivered event is never applied twice. Throw
 * {@link PermanentEventFailure} (or a 4xx {@link dev.psi.kernel.web.ProblemException}) for an event
 * that can never succeed; anything else is answered 5xx and retried by the sender.
 */
public interface EventHandler {

    /** The inbox consumer name, e.g. {@code stock-adjust}; stable, at most 64 characters. */
    String consumer();

    /** The types this handler applies; other valid PSI types are acknowledged as ignored. */
    Set<EventType> handles();

    /**
     * Applies {@code event} in {@code tx}. May run again after a deadlock (the whole transaction is
     * retried), so side effects outside the database go through {@link Tx#afterCommit}.
     */
    void handle(Tx tx, InboundEvent event) throws SQLException;
}
