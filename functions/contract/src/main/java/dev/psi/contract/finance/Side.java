package dev.psi.contract.finance;

/** Which ledger a finance document or payment belongs to: what customers owe us, or what we owe suppliers. */
public enum Side {
    /** Customers: invoices from shipments, credit notes from returns, receipts. */
    RECEIVABLE,
    /** Suppliers: bills from goods receipts, debit notes from returns to the supplier, payments. */
    PAYABLE
}
