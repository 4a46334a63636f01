package dev.psi.order.workflow.documents;

import dev.psi.kernel.pricing.OrderPricing;
import dev.psi.order.workflow.store.DocumentFacts;
import dev.psi.order.workflow.documents.PrintedDocument.Column;
import dev.psi.order.workflow.documents.PrintedDocument.Field;
import dev.psi.order.workflow.documents.PrintedDocument.Party;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the three printable documents from their facts. Dates are UTC days (as finance dates its documents).
 * The invoice bills the shipped part of each line at its share of the line's agreed figures, by the rule finance
 * books the receivable with ({@link OrderPricing#share}): the whole line's net, tax and gross when the whole line
 * shipped, else gross × shipped / ordered and net × shipped / ordered, each rounded HALF_UP to cents, and tax =
 * gross − net, so that each line's net + tax = gross and the invoice's gross total equals finance's invoice amount.
 */
final class DocumentBuilder {

    private DocumentBuilder() {
    }

    static PrintedDocument deliveryNote(DocumentFacts facts) {
        var numbers = List.of(new Field("Delivery note", facts.movementNumber()),
                new Field("Shipped on", day(facts.movedAt())), new Field("Sales order", facts.orderNumber()),
                new Field("Order date", day(facts.orderDate())));
        return new PrintedDocument("Delivery note", facts.tenantName(), numbers, parties("Customer", facts),
                quantityColumns("Shipped"), quantityRows(facts), quantityTotal(facts, "Shipped"),
                List.of("Goods shipped from warehouse " + facts.warehouse().code() + "."),
                "delivery-note-" + facts.movementNumber());
    }

    static PrintedDocument goodsReceivedNote(DocumentFacts facts) {
        var numbers = List.of(new Field("Goods-received note", facts.movementNumber()),
                new Field("Received on", day(facts.movedAt())), new Field("Purchase order", facts.orderNumber()),
                new Field("Order date", day(facts.orderDate())));
        return new PrintedDocument("Goods-received note", facts.tenantName(), numbers, parties("Supplier", facts),
                quantityColumns("Received"), quantityRows(facts), quantityTotal(facts, "Received"),
                List.of("Goods received into warehouse " + facts.warehouse().code() + "."),
                "goods-received-note-" + facts.movementNumber());
    }

    static PrintedDocument invoice(DocumentFacts facts) {
        var numbers = new ArrayList<Field>();
        var notes = new ArrayList<String>();
        if (facts.invoiceNumber() != null) {
            numbers.add(new Field("Invoice", facts.invoiceNumber()));
            numbers.add(new Field("Invoice date", facts.invoiceDate().toString()));
        } else {
            numbers.add(new Field("Invoice", "not yet booked (reference " + facts.movementNumber() + ")"));
            notes.add("Finance has not booked an invoice for shipment " + facts.movementNumber()
                    + " yet; this document carries the shipment number as its reference.");
        }
        numbers.add(new Field("Shipment", facts.movementNumber()));
        numbers.add(new Field("Shipped on", day(facts.movedAt())));
        numbers.add(new Field("Sales order", facts.orderNumber()));
        numbers.add(new Field("Order date", day(facts.orderDate())));
        var columns = List.of(new Column("SKU", false, 3), new Column("Product", false, 6), new Column("Unit", false, 2),
                new Column("Qty", true, 2), new Column("Unit price", true, 3), new Column("Discount", true, 3),
                new Column("Net", true, 3), new Column("Tax %", true, 2), new Column("Tax", true, 3),
                new Column("Gross", true, 3));
        var rows = new ArrayList<List<String>>();
        BigDecimal net = BigDecimal.ZERO.setScale(2);
        BigDecimal tax = BigDecimal.ZERO.setScale(2);
        BigDecimal gross = BigDecimal.ZERO.setScale(2);
        for (var line : facts.lines()) {
            BigDecimal lineGross = OrderPricing.share(line.gross(), line.moved(), line.ordered());
            BigDecimal lineNet = OrderPricing.share(line.net(), line.moved(), line.ordered());
            BigDecimal lineTax = lineGross.subtract(lineNet);
            BigDecimal discount = OrderPricing.share(line.discount(), line.moved(), line.ordered());
            rows.add(List.of(line.sku(), line.name(), line.unit(), quantity(line.moved()), money(line.unitPrice()),
                    money(discount), money(lineNet), quantity(line.taxRate()), money(lineTax), money(lineGross)));
            net = net.add(lineNet);
            tax = tax.add(lineTax);
            gross = gross.add(lineGross);
        }
        var totals = List.of(new Field("Net total", money(net)), new Field("Tax total", money(tax)),
                new Field("Gross total (amount due)", money(gross)));
        notes.add("Unit prices " + (facts.pricesIncludeTax() ? "include" : "exclude") + " tax. Discount: the line's"
                + " discount and its share of the order discount. A part shipment is billed at its share of each line's"
                + " agreed net and gross, rounded half up to cents.");
        return new PrintedDocument("Sales invoice", facts.tenantName(), numbers, parties("Customer", facts), columns,
                rows, totals, notes, "invoice-" + (facts.invoiceNumber() != null ? facts.invoiceNumber()
                        : facts.movementNumber()));
    }

    private static List<Party> parties(String role, DocumentFacts facts) {
        return List.of(new Party(role, facts.partner().name(), facts.partner().code(), facts.partner().address()),
                new Party("Warehouse", facts.warehouse().name(), facts.warehouse().code(), facts.warehouse().address()));
    }

    private static List<Column> quantityColumns(String done) {
        return List.of(new Column("#", true, 1), new Column("SKU", false, 3), new Column("Product", false, 8),
                new Column("Unit", false, 2), new Column("Ordered", true, 2), new Column(done, true, 2));
    }

    private static List<List<String>> quantityRows(DocumentFacts facts) {
        return facts.lines().stream().map(l -> List.of(String.valueOf(l.lineNo()), l.sku(), l.name(), l.unit(),
                quantity(l.ordered()), quantity(l.moved()))).toList();
    }

    private static List<Field> quantityTotal(DocumentFacts facts, String done) {
        BigDecimal sum = facts.lines().stream().map(DocumentFacts.Line::moved).reduce(BigDecimal.ZERO, BigDecimal::add);
        return List.of(new Field("Lines", String.valueOf(facts.lines().size())),
                new Field(done + " (all units)", quantity(sum)));
    }

    static String money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A quantity or rate without trailing zeros, never in exponent form. */
    static String quantity(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }
}
