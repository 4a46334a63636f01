package dev.psi.stock.ledger;

import dev.psi.contract.events.PsiEvent;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.Outbox;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * The events stock-adjust tells: their header (a new id, the tenant, the aggregate, the time of
 * the movements) is made here and nowhere else, and they go out through the outbox in the
 * caller's transaction.
 */
@Singleton
public final class StockOutbox {

    /** An event body given its header. */
    @FunctionalInterface
    public interface Body<E extends PsiEvent> {
        E with(String eventId, String tenantId, String aggregateId, Instant occurredAt);
    }

    private final Outbox outbox;

    StockOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Emits an event about the context's document (an order number or a stock document number). */
    public <E extends PsiEvent> E emit(Tx tx, MovementContext ctx, Body<E> body) throws SQLException {
        return emit(tx, ctx, ctx.referenceNumber(), body);
    }

    /** Emits an event about another aggregate (a SKU). */
    public <E extends PsiEvent> E emit(Tx tx, MovementContext ctx, String aggregateId, Body<E> body) throws SQLException {
        E event = event(ctx, aggregateId, body);
        outbox.append(tx, event);
        return event;
    }

    /** The event with its header, not emitted (an answer already given). */
    public <E extends PsiEvent> E event(MovementContext ctx, Body<E> body) {
        return event(ctx, ctx.referenceNumber(), body);
    }

    private static <E extends PsiEvent> E event(MovementContext ctx, String aggregateId, Body<E> body) {
        return body.with(UUID.randomUUID().toString(), ctx.tenant().value(), aggregateId, ctx.at());
    }
}
