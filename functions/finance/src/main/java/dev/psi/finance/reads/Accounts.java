package dev.psi.finance.reads;

import dev.psi.contract.finance.Aging;
import dev.psi.contract.finance.AgingRow;
import dev.psi.contract.finance.Balance;
import dev.psi.contract.finance.DocumentKind;
import dev.psi.contract.finance.Side;
import dev.psi.contract.finance.Statement;
import dev.psi.contract.finance.StatementLine;
import dev.psi.finance.domain.AgingBucket;
import dev.psi.finance.domain.AgingTotals;
import dev.psi.finance.domain.Money;
import dev.psi.finance.domain.RunningBalance;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A partner's account: balance, statement over a date range, and the aging of every partner as of a date.
 * All three add the same numbers: documents that raise the balance (invoices, bills), documents that lower it
 * (credit and debit notes) and receipts or payments, each on its own date.
 */
@Singleton
public final class Accounts {

    private static final String SIGNED = "CASE WHEN kind IN ('INVOICE', 'BILL') THEN amount ELSE -amount END";

    private final Database database;
    private final Partners partners;

    Accounts(Database database, Partners partners) {
        this.database = database;
        this.partners = partners;
    }

    public Balance balance(TenantId tenant, Side side, String code) {
        return database.read(tx -> {
            String partner = partners.code(tx, tenant, side, code);
            BigDecimal[] totals = {BigDecimal.ZERO, BigDecimal.ZERO};
            long[] open = {0};
            tx.list("SELECT kind, SUM(amount) AS total, SUM(CASE WHEN amount > settled THEN 1 ELSE 0 END) AS open_count"
                    + " FROM finance_documents WHERE tenant_id = ? AND side = ? AND partner_code = ? GROUP BY kind", row -> {
                        boolean raises = DocumentKind.valueOf(row.string("kind")).raises();
                        totals[raises ? 0 : 1] = totals[raises ? 0 : 1].add(row.decimal("total"));
                        open[0] += raises ? row.longValue("open_count") : 0;
                        return null;
                    }, tenant.value(), side.name(), partner);
            BigDecimal paid = paid(tx, tenant, side, partner, null);
            return new Balance(side, partner, Money.plain(totals[0]), Money.plain(totals[1]), Money.plain(paid),
                    Money.plain(totals[0].subtract(totals[1]).subtract(paid)), open[0]);
        });
    }

    public Statement statement(TenantId tenant, Side side, String code, LocalDate from, LocalDate to) {
        return database.read(tx -> {
            String partner = partners.code(tx, tenant, side, code);
            BigDecimal documentsBefore = Money.orZero(tx.one("SELECT COALESCE(SUM(" + SIGNED + "), 0) AS total FROM finance_documents"
                            + " WHERE tenant_id = ? AND side = ? AND partner_code = ? AND document_date < ?",
                    row -> row.decimal("total"), tenant.value(), side.name(), partner, from).orElse(null));
            BigDecimal opening = documentsBefore.subtract(paid(tx, tenant, side, partner, from));
            var entries = new ArrayList<RunningBalance.Entry<Item>>();
            tx.list("SELECT kind, number, order_number, source_document, document_date, amount, id FROM finance_documents"
                    + " WHERE tenant_id = ? AND side = ? AND partner_code = ? AND document_date >= ? AND document_date <= ?",
                    row -> {
                        DocumentKind kind = DocumentKind.valueOf(row.string("kind"));
                        BigDecimal amount = row.decimal("amount");
                        entries.add(new RunningBalance.Entry<>(row.date("document_date"), row.longValue("id"),
                                kind.raises() ? amount : BigDecimal.ZERO, kind.raises() ? BigDecimal.ZERO : amount,
                                new Item(kind.name(), row.string("number"), row.string("order_number"),
                                        row.string("source_document"))));
                        return null;
                    }, tenant.value(), side.name(), partner, from, to);
            String paymentType = side == Side.RECEIVABLE ? "RECEIPT" : "PAYMENT";
            tx.list("SELECT number, payment_date, amount, id FROM finance_payments"
                    + " WHERE tenant_id = ? AND side = ? AND partner_code = ? AND payment_date >= ? AND payment_date <= ?",
                    row -> {
                        // a payment sorts after the documents of its day: it usually settles them
                        entries.add(new RunningBalance.Entry<>(row.date("payment_date"), Long.MAX_VALUE / 2 + row.longValue("id"),
                                BigDecimal.ZERO, row.decimal("amount"), new Item(paymentType, row.string("number"), null, null)));
                        return null;
                    }, tenant.value(), side.name(), partner, from, to);
            var lines = RunningBalance.of(opening, entries).stream().map(line -> {
                var e = line.entry();
                return new StatementLine(e.date(), e.item().type(), e.item().number(), e.item().orderNumber(),
                        e.item().sourceDocument(), Money.plain(e.debit()), Money.plain(e.credit()), Money.plain(line.balance()));
            }).toList();
            BigDecimal closing = lines.isEmpty() ? opening : lines.get(lines.size() - 1).balance();
            return new Statement(side, partner, from, to, Money.plain(opening), lines, Money.plain(closing));
        });
    }

    public Aging aging(TenantId tenant, Side side, LocalDate asOf) {
        return database.read(tx -> {
            Map<String, AgingTotals> partnersTotals = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            // What was open on each document as of asOf: only allocations dated by then count.
            tx.list("SELECT d.partner_code, d.kind, d.document_date, d.amount"
                    + " - COALESCE((SELECT SUM(a.amount) FROM finance_allocations a WHERE a.document_id = d.id AND a.allocated_on <= ?), 0)"
                    + " - COALESCE((SELECT SUM(a.amount) FROM finance_allocations a WHERE a.credit_document_id = d.id AND a.allocated_on <= ?), 0)"
                    + " AS open_amount FROM finance_documents d WHERE d.tenant_id = ? AND d.side = ? AND d.document_date <= ?",
                    row -> {
                        BigDecimal open = row.decimal("open_amount");
                        if (open.signum() == 0) {
                            return null;
                        }
                        var totals = partnersTotals.computeIfAbsent(row.string("partner_code"), k -> new AgingTotals());
                        if (DocumentKind.valueOf(row.string("kind")).raises()) {
                            totals.open(AgingBucket.of(row.date("document_date"), asOf), open);
                        } else {
                            totals.unapplied(open);
                        }
                        return null;
                    }, asOf, asOf, tenant.value(), side.name(), asOf);
            // A payment's allocations are dated as the payment is, and a payment only settles documents dated no
            // later than it: as of any date its unallocated rest is what it is now.
            tx.list("SELECT partner_code, amount - allocated AS unallocated FROM finance_payments"
                    + " WHERE tenant_id = ? AND side = ? AND payment_date <= ? AND amount > allocated", row -> {
                        partnersTotals.computeIfAbsent(row.string("partner_code"), k -> new AgingTotals())
                                .unapplied(row.decimal("unallocated"));
                        return null;
                    }, tenant.value(), side.name(), asOf);
            var total = new AgingTotals();
            var rows = new ArrayList<AgingRow>();
            partnersTotals.forEach((partner, totals) -> {
                if (!totals.isZero()) {
                    rows.add(row(partner, totals));
                    total.add(totals);
                }
            });
            return new Aging(side, asOf, List.copyOf(rows), row(null, total));
        });
    }

    private static AgingRow row(String partner, AgingTotals totals) {
        return new AgingRow(partner, Money.plain(totals.bucket(AgingBucket.DAYS_0_30)),
                Money.plain(totals.bucket(AgingBucket.DAYS_31_60)), Money.plain(totals.bucket(AgingBucket.DAYS_61_90)),
                Money.plain(totals.bucket(AgingBucket.OVER_90)), Money.plain(totals.unapplied()),
                Money.plain(totals.balance()));
    }

    /** Receipts or payments of the partner, all of them, or those dated before {@code before}. */
    private static BigDecimal paid(Tx tx, TenantId tenant, Side side, String partner, LocalDate before) throws SQLException {
        // COALESCE: Tx.one maps a row, and SUM over no rows is a row holding NULL
        String sql = "SELECT COALESCE(SUM(amount), 0) AS total FROM finance_payments WHERE tenant_id = ? AND side = ? AND partner_code = ?";
        var result = before == null
                ? tx.one(sql, row -> row.decimal("total"), tenant.value(), side.name(), partner)
                : tx.one(sql + " AND payment_date < ?", row -> row.decimal("total"), tenant.value(), side.name(), partner, before);
        return Money.orZero(result.orElse(null));
    }

    private record Item(String type, String number, String orderNumber, String sourceDocument) {
    }
}
