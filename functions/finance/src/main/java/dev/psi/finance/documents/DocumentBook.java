package dev.psi.finance.documents;

import dev.psi.contract.events.Lines;
import dev.psi.contract.finance.DocumentKind;
import dev.psi.contract.finance.Side;
import dev.psi.contract.problem.ProblemType;
import dev.psi.finance.domain.Money;
import dev.psi.kernel.db.DocumentNumbers;
import dev.psi.kernel.db.SqlErrors;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.PermanentEventFailure;
import dev.psi.kernel.metrics.BusinessMetrics;
import dev.psi.kernel.tenant.TenantId;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Books the finance document a stock fact causes: an invoice per shipment, a bill per goods receipt, a credit
 * note per customer return, a debit note per return to the supplier. Lines are the event's quantities at the
 * order line's price; the document is dated the day the stock moved (UTC). One document per (kind, order,
 * shipment/receipt/return): the inbox stops a redelivery, the unique key a replay under a new event id. A note
 * is applied at once to the open invoices (bills) of its order, oldest first; what is left stays unapplied credit.
 */
@Singleton
public final class DocumentBook {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DocumentBook.class);

    /** A stock fact as finance reads it. */
    public record Fact(DocumentKind kind, String orderNumber, String sourceDocument, String eventId,
                       Instant occurredAt, List<Lines.Priced> lines) {
    }

    private final OrderTerms terms;
    private final BusinessMetrics metrics;
    private final Clock clock;

    DocumentBook(OrderTerms terms, BusinessMetrics metrics, Clock clock) {
        this.terms = terms;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The new document's number, or empty when this shipment/receipt/return already has its document. */
    public Optional<String> book(Tx tx, TenantId tenant, Fact fact) throws SQLException {
        if (existing(tx, tenant, fact).isPresent()) {
            return Optional.empty();
        }
        var order = terms.of(tx, tenant, fact.kind().side(), fact.orderNumber()).orElseThrow(() ->
                new PermanentEventFailure(ProblemType.NOT_FOUND, (fact.kind().side() == Side.RECEIVABLE
                        ? "sales order " : "purchase order ") + fact.orderNumber() + " does not exist"));
        var lines = new ArrayList<Priced>();
        BigDecimal total = BigDecimal.ZERO;
        for (Lines.Priced line : fact.lines()) {
            if (line.quantity() == null || line.quantity().signum() <= 0) {
                continue;
            }
            var agreed = order.line(line.sku()).orElseThrow(() -> new PermanentEventFailure(
                    "order " + fact.orderNumber() + " has no line for SKU " + line.sku()));
            BigDecimal amount = agreed.amountFor(line.quantity());
            lines.add(new Priced(line.sku(), line.quantity(), agreed.unitPrice(), amount));
            total = total.add(amount);
        }
        if (lines.isEmpty()) {
            throw new PermanentEventFailure("the event moved no quantity: nothing to book");
        }
        LocalDate date = LocalDate.ofInstant(fact.occurredAt(), ZoneOffset.UTC);
        String number = DocumentNumbers.next(tx, tenant, prefix(fact.kind()), clock.instant());
        long id;
        try {
            id = tx.insert("INSERT INTO finance_documents (tenant_id, number, side, kind, partner_code, order_number,"
                            + " source_document, source_event_id, document_date, amount, settled, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                    tenant.value(), number, fact.kind().side(), fact.kind(), order.partnerCode(), fact.orderNumber(),
                    fact.sourceDocument(), fact.eventId(), date, total, clock.instant());
        } catch (SQLException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                // a concurrent delivery of the same fact under another id booked it first
                return Optional.empty();
            }
            throw e;
        }
        for (int i = 0; i < lines.size(); i++) {
            Priced line = lines.get(i);
            tx.update("INSERT INTO finance_document_lines (tenant_id, document_id, line_no, sku, quantity, unit_price,"
                    + " amount) VALUES (?, ?, ?, ?, ?, ?, ?)", tenant.value(), id, i + 1, line.sku(), line.quantity(),
                    line.unitPrice(), line.amount());
        }
        if (!fact.kind().raises()) {
            applyNote(tx, tenant, fact, id, date, total);
        }
        metrics.financeDocumentBooked(tx, fact.kind().name());
        LOG.info("booked {} {} for order {} ({} {}): {}", fact.kind(), number, fact.orderNumber(),
                fact.sourceDocument(), fact.eventId(), total.toPlainString());
        return Optional.of(number);
    }

    private Optional<Long> existing(Tx tx, TenantId tenant, Fact fact) throws SQLException {
        return tx.one("SELECT id FROM finance_documents WHERE tenant_id = ? AND kind = ? AND order_number = ?"
                        + " AND source_document = ?", row -> row.longValue("id"),
                tenant.value(), fact.kind(), fact.orderNumber(), fact.sourceDocument());
    }

    /** Applies a credit or debit note to its order's open invoices or bills dated no later than it, oldest first. */
    private void applyNote(Tx tx, TenantId tenant, Fact fact, long noteId, LocalDate date, BigDecimal total)
            throws SQLException {
        DocumentKind target = fact.kind() == DocumentKind.CREDIT_NOTE ? DocumentKind.INVOICE : DocumentKind.BILL;
        var open = tx.list("SELECT id, amount - settled AS open_amount FROM finance_documents"
                        + " WHERE tenant_id = ? AND order_number = ? AND kind = ? AND amount > settled AND document_date <= ?"
                        + " ORDER BY document_date, id FOR UPDATE",
                row -> new Open(row.longValue("id"), row.decimal("open_amount")),
                tenant.value(), fact.orderNumber(), target, date);
        BigDecimal left = total;
        for (Open document : open) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal applied = left.min(document.amount());
            // Guarded like a receipt's allocation: never more than is open, whoever else applies to it.
            if (tx.update("UPDATE finance_documents SET settled = settled + ? WHERE id = ? AND amount - settled >= ?",
                    applied, document.id(), applied) == 1) {
                tx.update("INSERT INTO finance_allocations (tenant_id, document_id, credit_document_id, allocated_on,"
                        + " amount, created_at) VALUES (?, ?, ?, ?, ?, ?)", tenant.value(), document.id(), noteId, date,
                        applied, clock.instant());
                left = left.subtract(applied);
            }
        }
        BigDecimal appliedTotal = total.subtract(left);
        if (appliedTotal.signum() > 0) {
            tx.update("UPDATE finance_documents SET settled = ? WHERE id = ?", appliedTotal, noteId);
        }
    }

    private static String prefix(DocumentKind kind) {
        return switch (kind) {
            case INVOICE -> "INV";
            case CREDIT_NOTE -> "CN";
            case BILL -> "BILL";
            case DEBIT_NOTE -> "DN";
        };
    }

    private record Priced(String sku, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
    }

    private record Open(long id, BigDecimal amount) {
    }
}
