package dev.psi.finance.settlement;

import dev.psi.contract.finance.DocumentKind;
import dev.psi.contract.finance.Payment;
import dev.psi.contract.finance.SettlementRequest;
import dev.psi.contract.finance.Side;
import dev.psi.contract.problem.FieldError;
import dev.psi.contract.problem.ProblemType;
import dev.psi.finance.domain.AllocationRules;
import dev.psi.finance.reads.FinanceReads;
import dev.psi.finance.reads.Partners;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.DocumentNumbers;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.idempotency.IdempotentRequests.Idempotency;
import dev.psi.kernel.idempotency.Outcome;
import dev.psi.kernel.metrics.BusinessMetrics;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Receipts from customers and payments to suppliers, each allocated against one or several of the partner's
 * invoices or bills, partly or in full. One transaction: a request that breaks a rule changes nothing (400 for
 * what the request says, 409 when a document has less open than asked).
 */
@Singleton
public final class Settlements {

    private final Database database;
    private final Partners partners;
    private final FinanceReads reads;
    private final BusinessMetrics metrics;
    private final Clock clock;

    Settlements(Database database, Partners partners, FinanceReads reads, BusinessMetrics metrics, Clock clock) {
        this.database = database;
        this.partners = partners;
        this.reads = reads;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Outcome<Payment> record(TenantId tenant, Side side, SettlementRequest request, Idempotency once) {
        return database.inTransaction(tx -> once.run(tx, () -> {
            String number = record(tx, tenant, side, request);
            String path = side == Side.RECEIVABLE ? "/api/finance/receipts/" : "/api/finance/payments/";
            return Outcome.created(reads.payment(tx, tenant, side, number), path + number);
        }));
    }

    private String record(Tx tx, TenantId tenant, Side side, SettlementRequest request) throws SQLException {
        var errors = new ArrayList<FieldError>();
        if (!partners.exists(tx, tenant, side, request.partnerCode())) {
            errors.add(new FieldError(request.partnerField(), "no " + Partners.what(side) + " has the code "
                    + request.partnerCode()));
        }
        var requested = request.allocations().stream()
                .map(a -> new AllocationRules.Requested(a.documentNumber(), a.amount())).toList();
        AllocationRules.check(request.amount(), requested)
                .forEach(v -> errors.add(new FieldError(v.field(), v.message())));
        LocalDate date = request.date() != null ? request.date() : LocalDate.now(clock);
        DocumentKind target = side == Side.RECEIVABLE ? DocumentKind.INVOICE : DocumentKind.BILL;
        var targets = new ArrayList<Target>();
        for (int i = 0; i < requested.size(); i++) {
            String field = "allocations[" + i + "].documentNumber";
            var found = document(tx, tenant, requested.get(i).documentNumber());
            if (found == null) {
                errors.add(new FieldError(field, "no document has the number " + requested.get(i).documentNumber()));
            } else if (found.kind() != target) {
                errors.add(new FieldError(field, found.number() + " is a " + found.kind() + "; a "
                        + (side == Side.RECEIVABLE ? "receipt" : "payment") + " settles " + target + "s only"));
            } else if (!found.partnerCode().equalsIgnoreCase(request.partnerCode())) {
                errors.add(new FieldError(field, found.number() + " belongs to " + Partners.what(side) + " "
                        + found.partnerCode()));
            } else if (found.date().isAfter(date)) {
                errors.add(new FieldError(field, found.number() + " is dated " + found.date() + ", after " + date));
            } else {
                targets.add(new Target(i, found, requested.get(i).amount()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        BigDecimal allocated = requested.stream().map(AllocationRules.Requested::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        String number = DocumentNumbers.next(tx, tenant, side == Side.RECEIVABLE ? "RCT" : "PAY", clock.instant());
        long paymentId = tx.insert("INSERT INTO finance_payments (tenant_id, number, side, partner_code, payment_date,"
                        + " amount, allocated, reference, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.value(), number, side, partners.code(tx, tenant, side, request.partnerCode()), date,
                request.amount(), allocated, request.reference(), request.note(), clock.instant());
        // Documents in id order: two receipts for the same invoices lock them in the same order.
        targets.sort(Comparator.comparingLong(t -> t.document().id()));
        var conflicts = new ArrayList<FieldError>();
        for (Target t : targets) {
            // The guard is the rule: never more than is open, however many receipts race for one invoice.
            int applied = tx.update("UPDATE finance_documents SET settled = settled + ? WHERE id = ? AND amount - settled >= ?",
                    t.amount(), t.document().id(), t.amount());
            if (applied == 0) {
                BigDecimal open = tx.one("SELECT amount - settled AS open_amount FROM finance_documents WHERE id = ?",
                        row -> row.decimal("open_amount"), t.document().id()).orElseThrow();
                conflicts.add(new FieldError("allocations[" + t.index() + "].amount", "is more than the "
                        + open.toPlainString() + " still open on " + t.document().number()));
                continue;
            }
            tx.update("INSERT INTO finance_allocations (tenant_id, document_id, payment_id, allocated_on, amount,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?)", tenant.value(), t.document().id(), paymentId, date,
                    t.amount(), clock.instant());
        }
        if (!conflicts.isEmpty()) {
            conflicts.sort(Comparator.comparing(FieldError::field));
            throw new ProblemException(ProblemType.CONFLICT, conflicts.size() == 1
                    ? conflicts.get(0).field() + ": " + conflicts.get(0).message()
                    : conflicts.size() + " allocations are more than is open", conflicts, Map.of());
        }
        metrics.financePaymentRecorded(tx, side.name());
        return number;
    }

    private static Found document(Tx tx, TenantId tenant, String number) throws SQLException {
        return tx.one("SELECT id, number, kind, partner_code, document_date FROM finance_documents"
                        + " WHERE tenant_id = ? AND number = ?",
                row -> new Found(row.longValue("id"), row.string("number"), DocumentKind.valueOf(row.string("kind")),
                        row.string("partner_code"), row.date("document_date")),
                tenant.value(), number).orElse(null);
    }

    private record Found(long id, String number, DocumentKind kind, String partnerCode, LocalDate date) {
    }

    private record Target(int index, Found document, BigDecimal amount) {
    }
}
