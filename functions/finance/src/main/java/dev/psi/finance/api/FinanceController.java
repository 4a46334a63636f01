package dev.psi.finance.api;

import dev.psi.contract.common.Page;
import dev.psi.contract.finance.Aging;
import dev.psi.contract.finance.Balance;
import dev.psi.contract.finance.DocumentKind;
import dev.psi.contract.finance.FinanceDocument;
import dev.psi.contract.finance.Payment;
import dev.psi.contract.finance.PaymentRequest;
import dev.psi.contract.finance.ReceiptRequest;
import dev.psi.contract.finance.Side;
import dev.psi.contract.finance.Statement;
import dev.psi.finance.reads.Accounts;
import dev.psi.finance.reads.FinanceReads;
import dev.psi.finance.reads.FinanceReads.DocumentFilter;
import dev.psi.finance.settlement.Settlements;
import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.tenant.FromCredentials;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.Defaulted;
import dev.psi.kernel.web.ListParams;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemException;
import dev.psi.kernel.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Receivables and payables: documents, receipts and payments, and the partners' accounts. */
@Controller("/api/finance")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "finance")
class FinanceController {

    private final FinanceReads reads;
    private final Accounts accounts;
    private final Settlements settlements;
    private final IdempotentRequests idempotent;
    private final Clock clock;

    FinanceController(FinanceReads reads, Accounts accounts, Settlements settlements, IdempotentRequests idempotent,
                      Clock clock) {
        this.reads = reads;
        this.accounts = accounts;
        this.settlements = settlements;
        this.idempotent = idempotent;
        this.clock = clock;
    }

    @Operation(summary = "Receivables: invoices and credit notes, newest first",
            description = "Filters: customerCode, orderNumber, kind (INVOICE, CREDIT_NOTE), status (OPEN, SETTLED).")
    @Get("/receivables")
    Page<FinanceDocument> receivables(@FromCredentials TenantId tenant, @QueryValue(defaultValue = "0") @Defaulted int page,
                                      @QueryValue(defaultValue = "20") @Defaulted int size,
                                      @QueryValue @Nullable String customerCode, @QueryValue @Nullable String orderNumber,
                                      @QueryValue @Nullable String kind, @QueryValue @Nullable String status) {
        return documents(tenant, Side.RECEIVABLE, page, size, customerCode, orderNumber, kind, status);
    }

    @Operation(summary = "Payables: bills and debit notes, newest first",
            description = "Filters: supplierCode, orderNumber, kind (BILL, DEBIT_NOTE), status (OPEN, SETTLED).")
    @Get("/payables")
    Page<FinanceDocument> payables(@FromCredentials TenantId tenant, @QueryValue(defaultValue = "0") @Defaulted int page,
                                   @QueryValue(defaultValue = "20") @Defaulted int size,
                                   @QueryValue @Nullable String supplierCode, @QueryValue @Nullable String orderNumber,
                                   @QueryValue @Nullable String kind, @QueryValue @Nullable String status) {
        return documents(tenant, Side.PAYABLE, page, size, supplierCode, orderNumber, kind, status);
    }

    @Operation(summary = "A finance document by its number, with its lines and allocations")
    @Get("/documents/{number}")
    FinanceDocument document(@FromCredentials TenantId tenant, String number) {
        return reads.document(tenant, number);
    }

    @Operation(summary = "Record money received from a customer",
            description = "Allocated against one or several of the customer's invoices, partly or in full; the"
                    + " allocations may add up to less than the amount (the rest is on account), never more (400)."
                    + " An allocation larger than what is open on its invoice is refused with 409; either way nothing"
                    + " is recorded.")
    @Post("/receipts")
    HttpResponse<?> receipt(@FromCredentials TenantId tenant, @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey,
                            @Body @Valid ReceiptRequest request) {
        var once = idempotent.of(tenant, "finance.receipt", idempotencyKey, request, HttpStatus.CREATED);
        return once.respond(() -> settlements.record(tenant, Side.RECEIVABLE, request, once));
    }

    @Operation(summary = "A receipt by its number, with its allocations")
    @Get("/receipts/{number}")
    Payment receiptByNumber(@FromCredentials TenantId tenant, String number) {
        return reads.payment(tenant, Side.RECEIVABLE, number);
    }

    @Operation(summary = "Record money paid to a supplier",
            description = "Allocated against one or several of the supplier's bills, as a receipt is against invoices.")
    @Post("/payments")
    HttpResponse<?> payment(@FromCredentials TenantId tenant, @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey,
                            @Body @Valid PaymentRequest request) {
        var once = idempotent.of(tenant, "finance.payment", idempotencyKey, request, HttpStatus.CREATED);
        return once.respond(() -> settlements.record(tenant, Side.PAYABLE, request, once));
    }

    @Operation(summary = "A payment by its number, with its allocations")
    @Get("/payments/{number}")
    Payment paymentByNumber(@FromCredentials TenantId tenant, String number) {
        return reads.payment(tenant, Side.PAYABLE, number);
    }

    @Operation(summary = "What a customer owes: invoiced minus credited minus received")
    @Get("/customers/{code}/balance")
    Balance customerBalance(@FromCredentials TenantId tenant, String code) {
        return accounts.balance(tenant, Side.RECEIVABLE, code);
    }

    @Operation(summary = "A customer's statement: documents and receipts from..to with a running balance",
            description = "from and to are ISO dates, both inclusive; to defaults to today, from to the first day of to's month.")
    @Get("/customers/{code}/statement")
    Statement customerStatement(@FromCredentials TenantId tenant, String code, @QueryValue @Nullable String from,
                                @QueryValue @Nullable String to) {
        return statement(tenant, Side.RECEIVABLE, code, from, to);
    }

    @Operation(summary = "What we owe a supplier: billed minus debited minus paid")
    @Get("/suppliers/{code}/balance")
    Balance supplierBalance(@FromCredentials TenantId tenant, String code) {
        return accounts.balance(tenant, Side.PAYABLE, code);
    }

    @Operation(summary = "A supplier's statement: documents and payments from..to with a running balance",
            description = "from and to are ISO dates, both inclusive; to defaults to today, from to the first day of to's month.")
    @Get("/suppliers/{code}/statement")
    Statement supplierStatement(@FromCredentials TenantId tenant, String code, @QueryValue @Nullable String from,
                                @QueryValue @Nullable String to) {
        return statement(tenant, Side.PAYABLE, code, from, to);
    }

    @Operation(summary = "Aging of receivables or payables as of a date",
            description = "side: receivable or payable (required); asOf: an ISO date, default today. Open amounts by"
                    + " document age in days (0-30, 31-60, 61-90, over 90) per partner and in total; only documents,"
                    + " receipts and payments dated by asOf count.")
    @Get("/aging")
    Aging aging(@FromCredentials TenantId tenant, @QueryValue @Nullable String side, @QueryValue @Nullable String asOf) {
        Side which = ListParams.oneOf("side", side, Side.class);
        if (which == null) {
            throw ProblemException.invalid("side", "is required: RECEIVABLE or PAYABLE");
        }
        LocalDate date = date("asOf", asOf);
        return accounts.aging(tenant, which, date == null ? LocalDate.now(clock) : date);
    }

    private Page<FinanceDocument> documents(TenantId tenant, Side side, int page, int size, String partnerCode,
                                            String orderNumber, String kind, String status) {
        var request = PageRequest.of(page, size);
        DocumentKind documentKind = ListParams.oneOf("kind", kind, DocumentKind.class);
        if (documentKind != null && documentKind.side() != side) {
            throw ProblemException.invalid("kind", documentKind + " is not a " + side.name().toLowerCase() + " document");
        }
        return reads.list(tenant, side, request, new DocumentFilter(partnerCode, orderNumber, documentKind,
                ListParams.oneOf("status", status, FinanceReads.Status.class)));
    }

    private Statement statement(TenantId tenant, Side side, String code, String from, String to) {
        LocalDate end = date("to", to);
        end = end == null ? LocalDate.now(clock) : end;
        LocalDate start = date("from", from);
        start = start == null ? end.withDayOfMonth(1) : start;
        if (start.isAfter(end)) {
            throw ProblemException.invalid("from", "must not be after to (" + end + ")");
        }
        return accounts.statement(tenant, side, code, start, end);
    }

    private static LocalDate date(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO date (2026-01-31)");
        }
    }
}
