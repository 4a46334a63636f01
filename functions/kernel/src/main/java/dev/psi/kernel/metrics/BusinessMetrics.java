package dev.psi.kernel.metrics;

import dev.psi.contract.stock.MovementType;
import dev.psi.kernel.db.Tx;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * The business counters the dashboards read, in one place. A count that reports a change is
 * registered on the transaction and taken once it has committed: work undone by a savepoint or
 * run again after a deadlock is never counted, and a retried transaction counts once.
 *
 * <ul>
 *   <li>{@code psi_orders_total{kind, outcome}}: an order state reached (placed, submitted, confirmed,
 *       rejected, shipped, received, cancelled...), or a refused create ({@code invalid}).</li>
 *   <li>{@code psi_stock_movements_total{type}}: a ledger row booked.</li>
 *   <li>{@code psi_finance_documents_total{kind}}: an invoice, bill, credit or debit note booked.</li>
 *   <li>{@code psi_finance_payments_total{side}}: a receipt (receivable) or payment (payable) recorded.</li>
 * </ul>
 */
@Singleton
public final class BusinessMetrics {

    public static final String ORDERS = "psi.orders";
    public static final String STOCK_MOVEMENTS = "psi.stock.movements";
    public static final String FINANCE_DOCUMENTS = "psi.finance.documents";
    public static final String FINANCE_PAYMENTS = "psi.finance.payments";

    private final MeterRegistry meters;

    BusinessMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** The order of {@code kind} (purchase, sales) reached {@code status}, once {@code tx} commits. */
    public void orderReached(Tx tx, String kind, String status) {
        countAfterCommit(tx, ORDERS, "kind", kind, "outcome", status.toLowerCase());
    }

    /** A create of {@code kind} was refused: nothing commits, so it counts now. */
    public void orderRefused(String kind) {
        meters.counter(ORDERS, "kind", kind, "outcome", "invalid").increment();
    }

    /** A ledger row of {@code type} was booked, counted once {@code tx} commits. */
    public void stockMoved(Tx tx, MovementType type) {
        countAfterCommit(tx, STOCK_MOVEMENTS, "type", type.name());
    }

    /** A finance document of {@code kind} (INVOICE, CREDIT_NOTE, BILL, DEBIT_NOTE) was booked, once {@code tx} commits. */
    public void financeDocumentBooked(Tx tx, String kind) {
        countAfterCommit(tx, FINANCE_DOCUMENTS, "kind", kind);
    }

    /** A receipt or payment on {@code side} (RECEIVABLE, PAYABLE) was recorded, once {@code tx} commits. */
    public void financePaymentRecorded(Tx tx, String side) {
        countAfterCommit(tx, FINANCE_PAYMENTS, "side", side);
    }

    private void countAfterCommit(Tx tx, String name, String... tags) {
        tx.afterCommit(() -> meters.counter(name, tags).increment());
    }
}
