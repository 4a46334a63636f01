package dev.psi.contract.finance;

/**
 * What a finance document is. INVOICE and BILL raise what is owed; CREDIT_NOTE and DEBIT_NOTE lower it
 * and are applied first to the open documents of the same order.
 */
public enum DocumentKind {
    /** Receivable, from a shipment (psi.stock.issued.v1). */
    INVOICE(Side.RECEIVABLE, true),
    /** Receivable, from a customer return (psi.stock.returned-in.v1). */
    CREDIT_NOTE(Side.RECEIVABLE, false),
    /** Payable, from a goods receipt (psi.stock.received.v1). */
    BILL(Side.PAYABLE, true),
    /** Payable, from goods returned to the supplier (psi.stock.returned-out.v1). */
    DEBIT_NOTE(Side.PAYABLE, false);

    private final Side side;
    private final boolean raises;

    DocumentKind(Side side, boolean raises) {
        this.side = side;
        this.raises = raises;
    }

    public Side side() {
        return side;
    }

    /** Whether the document raises the partner's balance (an invoice or bill) rather than lowering it. */
    public boolean raises() {
        return raises;
    }
}
