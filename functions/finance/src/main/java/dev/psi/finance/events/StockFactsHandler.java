package dev.psi.finance.events;

import dev.psi.contract.events.StockEvents;
import dev.psi.contract.finance.DocumentKind;
import dev.psi.finance.documents.DocumentBook;
import dev.psi.finance.documents.DocumentBook.Fact;
import dev.psi.kernel.events.EventHandler;
import dev.psi.kernel.events.EventRoutes;
import jakarta.inject.Singleton;

/**
 * The stock facts that change what is owed: issued (shipped) -> invoice, received -> bill, returned in ->
 * credit note, returned out -> debit note. finance listens to psi.stock rather than to the order commands
 * (shipment-requested, goods-received ...) because only these say the goods really moved; the order's own
 * events of the same order stay in order with them (one key, one partition).
 */
@Singleton
final class StockFactsHandler implements EventHandler {

    private final EventRoutes routes;

    StockFactsHandler(DocumentBook book) {
        this.routes = EventRoutes.builder()
                .on(StockEvents.Issued.class, (tx, event, issued) -> book.book(tx, event.tenant(),
                        new Fact(DocumentKind.INVOICE, issued.orderNumber(), issued.shipmentNumber(), event.id(),
                                issued.occurredAt(), issued.lines())))
                .on(StockEvents.Received.class, (tx, event, received) -> book.book(tx, event.tenant(),
                        new Fact(DocumentKind.BILL, received.orderNumber(), received.receiptNumber(), event.id(),
                                received.occurredAt(), received.lines())))
                .on(StockEvents.ReturnedIn.class, (tx, event, returned) -> book.book(tx, event.tenant(),
                        new Fact(DocumentKind.CREDIT_NOTE, returned.orderNumber(), returned.returnNumber(), event.id(),
                                returned.occurredAt(), returned.lines())))
                .on(StockEvents.ReturnedOut.class, (tx, event, returned) -> book.book(tx, event.tenant(),
                        new Fact(DocumentKind.DEBIT_NOTE, returned.orderNumber(), returned.returnNumber(), event.id(),
                                returned.occurredAt(), returned.lines())))
                .build();
    }

    @Override
    public String consumer() {
        return "finance";
    }

    @Override
    public EventRoutes routes() {
        return routes;
    }
}
