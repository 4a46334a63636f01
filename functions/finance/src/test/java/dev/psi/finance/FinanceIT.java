package dev.psi.finance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.finance.Aging;
import dev.psi.contract.finance.AgingRow;
import dev.psi.contract.finance.Balance;
import dev.psi.contract.finance.FinanceDocument;
import dev.psi.contract.finance.Payment;
import dev.psi.contract.finance.Statement;
import dev.psi.testing.Rows;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Receivables and payables end to end: stock facts posted to /events book the documents, receipts and payments
 * go over HTTP, and every figure is checked against one computed by hand (in the comments).
 */
@MicronautTest
class FinanceIT extends FinanceTestBase {

    @Test
    void shouldBookInvoicesAndACreditNoteAndSettleTwoInvoicesWithOnePartialReceipt() {
        salesOrder("SO-1", "CUS1", "A", "10", "12.50", "B", "4", "7.25");
        // 6 x 12.50 + 4 x 7.25 = 75.00 + 29.00 = 104.00 (the events' unit price is the cost, 1.00: not used)
        String first = book(issued("SO-1", "SH-1", "2026-03-02T10:00:00Z", "A", "6", "B", "4"));
        // 4 x 12.50 = 50.00
        String second = book(issued("SO-1", "SH-2", "2026-03-05T10:00:00Z", "A", "4"));
        // 2 x 12.50 = 25.00 credit, applied to the oldest open invoice of SO-1: the first, 104.00 -> 79.00 open
        String credit = book(returnedIn("SO-1", "RT-1", "2026-03-08T10:00:00Z", "A", "2"));

        var invoice = api.get("/api/finance/documents/" + first).as(FinanceDocument.class);
        assertEquals("INVOICE", invoice.kind().name());
        assertEquals("CUS1", invoice.partnerCode());
        assertEquals("SO-1", invoice.orderNumber());
        assertEquals("SH-1", invoice.sourceDocument());
        assertMoney("104.00", invoice.amount());
        assertMoney("12.50", invoice.lines().get(0).unitPrice());
        assertMoney("29.00", invoice.lines().get(1).amount());
        assertMoney("79.00", invoice.open());
        assertEquals(credit, invoice.allocations().get(0).from());
        var note = api.get("/api/finance/documents/" + credit).as(FinanceDocument.class);
        assertEquals("CREDIT_NOTE", note.kind().name());
        assertMoney("25.00", note.amount());
        assertMoney("0", note.open());

        // 100.00 received: 79.00 settles the first invoice, 15.00 of the second's 50.00; 6.00 stays on account
        var created = api.post("/api/finance/receipts",
                settlement("customerCode", "CUS1", "2026-03-10", "100.00", first, "79.00", second, "15.00"));
        assertEquals(201, created.status(), created.body());
        var receipt = created.as(Payment.class);
        assertMoney("94.00", receipt.allocated());
        assertMoney("6.00", receipt.unallocated());
        assertEquals("/api/finance/receipts/" + receipt.number(), created.header("Location"));
        assertMoney("0", api.get("/api/finance/documents/" + first).as(FinanceDocument.class).open());
        assertMoney("35.00", api.get("/api/finance/documents/" + second).as(FinanceDocument.class).open());

        // invoiced 154.00 - credited 25.00 - received 100.00 = 29.00 (= 35.00 open - 6.00 on account)
        var balance = api.get("/api/finance/customers/CUS1/balance").as(Balance.class);
        assertMoney("154.00", balance.invoiced());
        assertMoney("25.00", balance.credited());
        assertMoney("100.00", balance.paid());
        assertMoney("29.00", balance.balance());
        assertEquals(1, balance.openDocuments());

        // from 03-03: opening 104.00 (the first invoice); +50.00 = 154.00; -25.00 = 129.00; -100.00 = 29.00
        var statement = api.get("/api/finance/customers/CUS1/statement?from=2026-03-03&to=2026-03-31").as(Statement.class);
        assertMoney("104.00", statement.openingBalance());
        assertEquals(List.of(second, credit, receipt.number()), statement.lines().stream().map(l -> l.number()).toList());
        assertEquals(List.of("INVOICE", "CREDIT_NOTE", "RECEIPT"), statement.lines().stream().map(l -> l.type()).toList());
        assertMoney("154.00", statement.lines().get(0).balance());
        assertMoney("129.00", statement.lines().get(1).balance());
        assertMoney("29.00", statement.lines().get(2).balance());
        assertEquals("RT-1", statement.lines().get(1).sourceDocument());
        assertMoney("29.00", statement.closingBalance());

        var open = api.get("/api/finance/receivables?customerCode=CUS1&status=open");
        assertEquals(List.of(second), open.list("items").stream().map(i -> ((Map<?, ?>) i).get("number")).toList());
    }

    @Test
    void shouldBookTaxedDiscountedLinesAtTheirGrossAmountsShippedInParts() {
        // The README's order (OrderPricing): 3 x 19.99 less 10 %, a share of the document discount, 13 % tax: gross 57.02;
        // 2 x 7.25 less 1.50, its share, 5 % tax: gross 12.77. What is owed is the gross, not quantity x unit price.
        salesOrder("SO-T", "CUS1", "A", "3", "19.99", "B", "2", "7.25");
        Rows.execute("UPDATE sales_order_lines SET gross_amount = CASE line_no WHEN 1 THEN 57.02 ELSE 12.77 END"
                + " WHERE tenant_id = ?", tenant);
        // 1 of the 3: 57.02 / 3 = 19.0067 -> 19.01
        String first = book(issued("SO-T", "SH-1", "2026-03-02T10:00:00Z", "A", "1"));
        // the other 2 (57.02 x 2 / 3 = 38.0133 -> 38.01) and all of B (12.77): 50.78
        String second = book(issued("SO-T", "SH-2", "2026-03-03T10:00:00Z", "A", "2", "B", "2"));

        var one = api.get("/api/finance/documents/" + first).as(FinanceDocument.class);
        assertMoney("19.01", one.amount());
        assertMoney("19.0067", one.lines().get(0).unitPrice());
        var two = api.get("/api/finance/documents/" + second).as(FinanceDocument.class);
        assertMoney("38.01", two.lines().get(0).amount());
        assertMoney("12.77", two.lines().get(1).amount());
        assertMoney("50.78", two.amount());
        // the whole order owes its gross total, 57.02 + 12.77 = 69.79 (each part rounded on its own; here they add up)
        assertMoney("69.79", one.amount().add(two.amount()));
    }

    @Test
    void shouldRefuseAnAllocationAboveWhatIsOpenWith409AndRecordNothing() {
        salesOrder("SO-1", "CUS1", "A", "10", "10.00");
        String invoice = book(issued("SO-1", "SH-1", "2026-03-02T10:00:00Z", "A", "3")); // 30.00
        var before = Rows.footprint(tenant);

        var refused = api.post("/api/finance/receipts", settlement("customerCode", "CUS1", "2026-03-10", "40.00",
                invoice, "30.01"));

        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals(List.of("allocations[0].amount"), refused.errorFields());
        assertEquals(before, Rows.footprint(tenant));
        assertMoney("30.00", api.get("/api/finance/documents/" + invoice).as(FinanceDocument.class).open());
    }

    @Test
    void shouldLetExactlyThreeOfTenConcurrentReceiptsSettleAnInvoiceOfThirty() throws Exception {
        salesOrder("SO-1", "CUS1", "A", "10", "10.00");
        String invoice = book(issued("SO-1", "SH-1", "2026-03-02T10:00:00Z", "A", "3")); // 30.00
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        var statuses = new java.util.ArrayList<Integer>();
        try {
            var calls = new java.util.ArrayList<java.util.concurrent.Callable<Integer>>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> api.post("/api/finance/receipts", settlement("customerCode", "CUS1", "2026-03-10",
                        "10.00", invoice, "10.00")).status());
            }
            for (var status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(3, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertMoney("0", api.get("/api/finance/documents/" + invoice).as(FinanceDocument.class).open());
        assertEquals(3, Rows.count("SELECT COUNT(*) FROM finance_payments WHERE tenant_id = ?", tenant));
    }

    @Test
    void shouldRefuseBadReceiptsWith400NamingTheFieldAndChangeNothing() {
        salesOrder("SO-1", "CUS1", "A", "10", "10.00");
        salesOrder("SO-2", "CUS2", "A", "10", "10.00");
        String invoice = book(issued("SO-1", "SH-1", "2026-03-02T10:00:00Z", "A", "3")); // 30.00
        String otherCustomers = book(issued("SO-2", "SH-2", "2026-03-02T10:00:00Z", "A", "1"));
        var before = Rows.footprint(tenant);

        var missing = api.post("/api/finance/receipts", Map.of("amount", -5, "allocations", List.of()));
        var overAmount = api.post("/api/finance/receipts", settlement("customerCode", "CUS1", "2026-03-10", "20.00",
                invoice, "25.00"));
        var wrongDocuments = api.post("/api/finance/receipts", settlement("customerCode", "CUS1", "2026-03-10", "50.00",
                "INV-1999-000001", "1.00", otherCustomers, "1.00"));
        var tooEarly = api.post("/api/finance/receipts", settlement("customerCode", "CUS1", "2026-03-01", "5.00",
                invoice, "5.00"));
        var unknownCustomer = api.post("/api/finance/receipts", settlement("customerCode", "NOBODY", "2026-03-10", "5.00",
                invoice, "5.00"));
        var billAsInvoice = api.post("/api/finance/payments", settlement("supplierCode", "SUP1", "2026-03-10", "5.00",
                invoice, "5.00"));
        var badDate = api.get("/api/finance/aging?side=receivable&asOf=30.06.2026");
        var noSide = api.get("/api/finance/aging?asOf=2026-06-30");

        for (var response : List.of(missing, overAmount, wrongDocuments, tooEarly, unknownCustomer, billAsInvoice,
                badDate, noSide)) {
            assertEquals(400, response.status(), response.body());
            assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
        }
        assertTrue(missing.errorFields().containsAll(List.of("customerCode", "amount", "allocations")), missing.body());
        assertEquals(List.of("allocations"), overAmount.errorFields());
        assertEquals(List.of("allocations[0].documentNumber", "allocations[1].documentNumber"), wrongDocuments.errorFields());
        assertEquals(List.of("allocations[0].documentNumber"), tooEarly.errorFields());
        // the invoice is CUS1's, not NOBODY's: both are said
        assertEquals(List.of("customerCode", "allocations[0].documentNumber"), unknownCustomer.errorFields());
        assertEquals(List.of("allocations[0].documentNumber"), billAsInvoice.errorFields());
        assertEquals(List.of("asOf"), badDate.errorFields());
        assertEquals(List.of("side"), noSide.errorFields());
        assertEquals(before, Rows.footprint(tenant));
    }

    @Test
    void shouldBookOneDocumentWhateverTimesTheShipmentIsDelivered() {
        salesOrder("SO-1", "CUS1", "A", "10", "10.00");
        var shipped = issued("SO-1", "SH-1", "2026-03-02T10:00:00Z", "A", "3");

        assertEquals(200, deliver(shipped).status() / 100 * 100);
        assertEquals(200, deliver(shipped).status() / 100 * 100); // the inbox: the same CloudEvent id
        // the same shipment told again under another id (a replay): the unique key of the source document
        assertEquals(200, deliver(issued("SO-1", "SH-1", "2026-03-02T10:00:00Z", "A", "3")).status() / 100 * 100);

        assertEquals(1, documents());
        assertMoney("30.00", api.get("/api/finance/customers/CUS1/balance").as(Balance.class).balance());
        assertEquals(1, Rows.count("SELECT COUNT(*) FROM inbox WHERE consumer = 'finance' AND event_id = ?",
                shipped.eventId()));
    }

    @Test
    void shouldDeadLetterAFactAboutAnOrderThatDoesNotExist() {
        var response = deliver(issued("SO-404", "SH-1", "2026-03-02T10:00:00Z", "A", "3"));

        assertEquals(400, response.status(), response.body());
        assertEquals(0, documents());
    }

    @Test
    void shouldAgeOpenReceivablesIntoBucketsAsOfAFixedDate() {
        salesOrder("SO-1", "CUS1", "A", "20", "50.00");
        salesOrder("SO-2", "CUS2", "A", "5", "10.00");
        String a = book(issued("SO-1", "SH-A", "2026-06-20T09:00:00Z", "A", "2")); // 100.00, 10 days before 06-30
        String b = book(issued("SO-1", "SH-B", "2026-05-20T09:00:00Z", "A", "4")); // 200.00, 41 days
        String c = book(issued("SO-1", "SH-C", "2026-04-15T09:00:00Z", "A", "6")); // 300.00, 76 days
        String d = book(issued("SO-1", "SH-D", "2026-03-01T09:00:00Z", "A", "8")); // 400.00, 121 days
        String e = book(issued("SO-2", "SH-E", "2026-06-30T09:00:00Z", "A", "5")); // 50.00, 0 days
        assertEquals(201, api.post("/api/finance/receipts", settlement("customerCode", "CUS1", "2026-06-25", "150.00",
                d, "150.00")).status()); // d: 250.00 open
        assertEquals(201, api.post("/api/finance/receipts", settlement("customerCode", "CUS1", "2026-07-05", "100.00",
                c, "100.00")).status()); // after 06-30: not in that day's aging
        assertEquals(201, api.post("/api/finance/receipts", settlement("customerCode", "CUS2", "2026-06-30", "30.00",
                e, "10.00")).status()); // e: 40.00 open, 20.00 on account
        assertNotEquals(a, b);

        var aging = api.get("/api/finance/aging?side=receivable&asOf=2026-06-30").as(Aging.class);

        assertEquals(List.of("CUS1", "CUS2"), aging.rows().stream().map(AgingRow::partnerCode).toList());
        assertRow(aging.rows().get(0), "100.00", "200.00", "300.00", "250.00", "0", "850.00");
        assertRow(aging.rows().get(1), "40.00", "0", "0", "0", "20.00", "20.00");
        assertRow(aging.total(), "140.00", "200.00", "300.00", "250.00", "20.00", "870.00");

        // ten days on: a is 20 days old, b 51, c 86 (and 100.00 paid on 07-05), d 131
        var later = api.get("/api/finance/aging?side=RECEIVABLE&asOf=2026-07-10").as(Aging.class);
        assertRow(later.rows().get(0), "100.00", "200.00", "200.00", "250.00", "0", "750.00");
        // before anything was shipped, nothing is open
        assertEquals(List.of(), api.get("/api/finance/aging?side=receivable&asOf=2026-02-28").as(Aging.class).rows());
    }

    @Test
    void shouldBookBillsAndDebitNotesPerReceiptAndSettleThemWithAPayment() {
        purchaseOrder("PO-1", "SUP1", "A", "100", "2.40", "B", "10", "8.15");
        // receipt 1: 60 x 2.40 = 144.00; receipt 2: 40 x 2.40 + 10 x 8.15 = 96.00 + 81.50 = 177.50
        String bill1 = book(received("PO-1", "GR-1", "2026-04-01T08:00:00Z", "A", "60"));
        String bill2 = book(received("PO-1", "GR-2", "2026-04-03T08:00:00Z", "A", "40", "B", "10"));
        // 5 of A back to the supplier: 12.00 debit note, applied to the first bill: 144.00 -> 132.00 open
        String debit = book(returnedOut("PO-1", "PR-1", "2026-04-04T08:00:00Z", "A", "5"));
        assertMoney("132.00", api.get("/api/finance/documents/" + bill1).as(FinanceDocument.class).open());
        assertMoney("177.50", api.get("/api/finance/documents/" + bill2).as(FinanceDocument.class).amount());
        assertEquals("DEBIT_NOTE", api.get("/api/finance/documents/" + debit).as(FinanceDocument.class).kind().name());

        var paid = api.post("/api/finance/payments", settlement("supplierCode", "SUP1", "2026-04-10", "200.00",
                bill1, "132.00", bill2, "68.00"), "Idempotency-Key", "pay-sup1-1");
        var again = api.post("/api/finance/payments", settlement("supplierCode", "SUP1", "2026-04-10", "200.00",
                bill1, "132.00", bill2, "68.00"), "Idempotency-Key", "pay-sup1-1");

        assertEquals(201, paid.status(), paid.body());
        assertEquals(201, again.status(), again.body());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(paid.as(Payment.class).number(), again.as(Payment.class).number());
        assertEquals(1, Rows.count("SELECT COUNT(*) FROM finance_payments WHERE tenant_id = ?", tenant));
        // 144.00 + 177.50 - 12.00 - 200.00 = 109.50 (what is left of the second bill)
        var balance = api.get("/api/finance/suppliers/SUP1/balance").as(Balance.class);
        assertMoney("321.50", balance.invoiced());
        assertMoney("109.50", balance.balance());
        assertMoney("109.50", api.get("/api/finance/documents/" + bill2).as(FinanceDocument.class).open());
        var payables = api.get("/api/finance/payables?supplierCode=SUP1&kind=bill");
        assertEquals(2, payables.list("items").size(), payables.body());
    }

    @Test
    void shouldLetAViewerReadButNotRecordReceipts() {
        salesOrder("SO-1", "CUS1", "A", "10", "10.00");
        String invoice = book(issued("SO-1", "SH-1", "2026-03-02T10:00:00Z", "A", "3"));
        var viewer = api.withRoles("viewer");

        assertEquals(200, viewer.get("/api/finance/receivables").status());
        assertEquals(403, viewer.post("/api/finance/receipts", settlement("customerCode", "CUS1", "2026-03-10", "5.00",
                invoice, "5.00")).status());
        assertEquals(403, api.withRoles("warehouse").get("/api/finance/receivables").status());
        assertEquals(201, api.withRoles("sales").post("/api/finance/receipts", settlement("customerCode", "CUS1",
                "2026-03-10", "5.00", invoice, "5.00")).status());
    }

    private static void assertRow(AgingRow row, String d30, String d60, String d90, String over, String unapplied,
                                  String balance) {
        assertMoney(d30, row.days0To30());
        assertMoney(d60, row.days31To60());
        assertMoney(d90, row.days61To90());
        assertMoney(over, row.over90());
        assertMoney(unapplied, row.unapplied());
        assertMoney(balance, row.balance());
    }
}
