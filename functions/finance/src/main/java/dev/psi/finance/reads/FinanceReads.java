package dev.psi.finance.reads;

import dev.psi.contract.common.Page;
import dev.psi.contract.finance.Allocation;
import dev.psi.contract.finance.DocumentKind;
import dev.psi.contract.finance.DocumentLine;
import dev.psi.contract.finance.FinanceDocument;
import dev.psi.contract.finance.Payment;
import dev.psi.contract.finance.Side;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.ListQuery;
import dev.psi.kernel.db.Pages;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.db.Where;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Finance documents and payments as clients read them, with their lines and allocations. */
@Singleton
public final class FinanceReads {

    /** Which documents a list shows by what is left open on them. */
    public enum Status { OPEN, SETTLED }

    public record DocumentFilter(@Nullable String partnerCode, @Nullable String orderNumber,
                                 @Nullable DocumentKind kind, @Nullable Status status) {
    }

    private static final ListQuery DOCUMENTS = new ListQuery("d.id, d.number, d.side, d.kind, d.partner_code,"
            + " d.order_number, d.source_document, d.source_event_id, d.document_date, d.amount, d.settled, d.created_at",
            "finance_documents d");

    private final Database database;

    FinanceReads(Database database) {
        this.database = database;
    }

    public Page<FinanceDocument> list(TenantId tenant, Side side, PageRequest page, DocumentFilter filter) {
        return database.read(tx -> {
            var where = Where.tenant("d.tenant_id", tenant).and("d.side = ?", side.name())
                    .andIf(filter.partnerCode(), "d.partner_code = ?")
                    .andIf(filter.orderNumber(), "d.order_number = ?")
                    .andIf(filter.kind() == null ? null : filter.kind().name(), "d.kind = ?");
            if (filter.status() == Status.OPEN) {
                where.and("d.amount > d.settled");
            } else if (filter.status() == Status.SETTLED) {
                where.and("d.amount = d.settled");
            }
            var rows = Pages.fetch(tx, DOCUMENTS, where, "ORDER BY d.document_date DESC, d.id DESC", page,
                    FinanceReads::header);
            var details = details(tx, rows.items().stream().map(Header::id).toList());
            return Page.of(rows.items().stream().map(h -> h.document(details)).toList(), rows.page(), rows.size(),
                    rows.totalItems());
        });
    }

    public FinanceDocument document(TenantId tenant, String number) {
        return database.read(tx -> {
            var header = tx.one(DOCUMENTS.select() + " WHERE d.tenant_id = ? AND d.number = ?", FinanceReads::header,
                    tenant.value(), number).orElseThrow(() -> ProblemException.notFound("document", number));
            return header.document(details(tx, List.of(header.id())));
        });
    }

    public Payment payment(TenantId tenant, Side side, String number) {
        return database.read(tx -> payment(tx, tenant, side, number));
    }

    public Payment payment(Tx tx, TenantId tenant, Side side, String number) throws SQLException {
        var payment = tx.one("SELECT id, number, side, partner_code, payment_date, amount, allocated, reference, note,"
                        + " created_at FROM finance_payments WHERE tenant_id = ? AND side = ? AND number = ?",
                row -> new PaymentRow(row.longValue("id"), row.string("number"), Side.valueOf(row.string("side")),
                        row.string("partner_code"), row.date("payment_date"), row.decimal("amount"),
                        row.decimal("allocated"), row.string("reference"), row.string("note"), row.instant("created_at")),
                tenant.value(), side.name(), number)
                .orElseThrow(() -> ProblemException.notFound(side == Side.RECEIVABLE ? "receipt" : "payment", number));
        var allocations = tx.list("SELECT d.number, a.allocated_on, a.amount FROM finance_allocations a"
                        + " JOIN finance_documents d ON d.id = a.document_id WHERE a.payment_id = ? ORDER BY a.id",
                row -> new Allocation(payment.number(), row.string("number"), row.date("allocated_on"),
                        row.decimal("amount")), payment.id());
        return new Payment(payment.number(), payment.side(), payment.partnerCode(), payment.date(), payment.amount(),
                payment.allocated(), payment.amount().subtract(payment.allocated()), payment.reference(),
                payment.note(), allocations, payment.createdAt());
    }

    private static Header header(dev.psi.kernel.db.Row row) throws SQLException {
        return new Header(row.longValue("id"), row.string("number"), Side.valueOf(row.string("side")),
                DocumentKind.valueOf(row.string("kind")), row.string("partner_code"), row.string("order_number"),
                row.string("source_document"), row.string("source_event_id"), row.date("document_date"),
                row.decimal("amount"), row.decimal("settled"), row.instant("created_at"));
    }

    /** The lines and allocations (to and from) of these documents, in two queries for a whole page. */
    private static Details details(Tx tx, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return new Details(Map.of(), Map.of());
        }
        String in = ids.stream().map(id -> "?").collect(Collectors.joining(", "));
        Object[] args = ids.toArray();
        Map<Long, List<DocumentLine>> lines = new HashMap<>();
        tx.list("SELECT document_id, line_no, sku, quantity, unit_price, amount FROM finance_document_lines"
                + " WHERE document_id IN (" + in + ") ORDER BY document_id, line_no", row -> {
                    lines.computeIfAbsent(row.longValue("document_id"), k -> new ArrayList<>()).add(new DocumentLine(
                            row.intValue("line_no"), row.string("sku"), row.decimal("quantity"),
                            row.decimal("unit_price"), row.decimal("amount")));
                    return null;
                }, args);
        Map<Long, List<Allocation>> allocations = new HashMap<>();
        Object[] twice = new Object[args.length * 2];
        System.arraycopy(args, 0, twice, 0, args.length);
        System.arraycopy(args, 0, twice, args.length, args.length);
        tx.list("SELECT a.id, a.document_id, a.credit_document_id, COALESCE(p.number, c.number) AS from_number,"
                + " d.number AS to_number, a.allocated_on, a.amount FROM finance_allocations a"
                + " JOIN finance_documents d ON d.id = a.document_id"
                + " LEFT JOIN finance_payments p ON p.id = a.payment_id"
                + " LEFT JOIN finance_documents c ON c.id = a.credit_document_id"
                + " WHERE a.document_id IN (" + in + ") OR a.credit_document_id IN (" + in + ") ORDER BY a.id", row -> {
                    var allocation = new Allocation(row.string("from_number"), row.string("to_number"),
                            row.date("allocated_on"), row.decimal("amount"));
                    allocations.computeIfAbsent(row.longValue("document_id"), k -> new ArrayList<>()).add(allocation);
                    long credit = row.longValue("credit_document_id");
                    if (credit != 0) {
                        allocations.computeIfAbsent(credit, k -> new ArrayList<>()).add(allocation);
                    }
                    return null;
                }, twice);
        return new Details(lines, allocations);
    }

    private record Details(Map<Long, List<DocumentLine>> lines, Map<Long, List<Allocation>> allocations) {
    }

    private record Header(long id, String number, Side side, DocumentKind kind, String partnerCode, String orderNumber,
                          String sourceDocument, String sourceEventId, LocalDate date, BigDecimal amount,
                          BigDecimal settled, Instant createdAt) {

        FinanceDocument document(Details details) {
            return new FinanceDocument(number, side, kind, partnerCode, orderNumber, sourceDocument, sourceEventId, date,
                    amount, settled, amount.subtract(settled), details.lines().getOrDefault(id, List.of()),
                    details.allocations().getOrDefault(id, List.of()), createdAt);
        }
    }

    private record PaymentRow(long id, String number, Side side, String partnerCode, LocalDate date, BigDecimal amount,
                              BigDecimal allocated, @Nullable String reference, @Nullable String note, Instant createdAt) {
    }
}
