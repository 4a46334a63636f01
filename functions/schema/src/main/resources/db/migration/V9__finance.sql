-- Receivables and payables (the finance function). A document per shipment, goods receipt and return, priced at
-- the order lines' prices and traceable to its order, its shipment / receipt / return number and the stock event
-- that caused it; receipts from customers and payments to suppliers, allocated against documents. Money is
-- DECIMAL(19,4).

CREATE TABLE finance_documents (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id        VARCHAR(40)   NOT NULL,
    number           VARCHAR(32)   NOT NULL,
    side             VARCHAR(16)   NOT NULL,
    kind             VARCHAR(16)   NOT NULL,
    partner_code     VARCHAR(64)   NOT NULL,
    order_number     VARCHAR(32)   NOT NULL,
    source_document  VARCHAR(64)   NOT NULL,
    source_event_id  VARCHAR(128)  NOT NULL,
    document_date    DATE          NOT NULL,
    amount           DECIMAL(19,4) NOT NULL,
    -- invoices and bills: what has been applied to them; notes: what they have applied to others
    settled          DECIMAL(19,4) NOT NULL DEFAULT 0,
    created_at       DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_finance_documents_number (tenant_id, number),
    -- one document per shipment, receipt or return, whatever the event's id (a replay under a new id)
    UNIQUE KEY uk_finance_documents_source (tenant_id, kind, order_number, source_document),
    KEY ix_finance_documents_partner (tenant_id, side, partner_code, document_date, id),
    KEY ix_finance_documents_order (tenant_id, order_number, kind, document_date),
    CONSTRAINT ck_finance_documents_side CHECK (side IN ('RECEIVABLE', 'PAYABLE')),
    CONSTRAINT ck_finance_documents_kind CHECK (kind IN ('INVOICE', 'CREDIT_NOTE', 'BILL', 'DEBIT_NOTE')),
    CONSTRAINT ck_finance_documents_amount CHECK (amount >= 0),
    CONSTRAINT ck_finance_documents_settled CHECK (settled >= 0 AND settled <= amount)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE finance_document_lines (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id    VARCHAR(40)   NOT NULL,
    document_id  BIGINT        NOT NULL,
    line_no      INT           NOT NULL,
    sku          VARCHAR(64)   NOT NULL,
    quantity     DECIMAL(18,4) NOT NULL,
    unit_price   DECIMAL(19,4) NOT NULL,
    amount       DECIMAL(19,4) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_finance_document_lines_no (document_id, line_no),
    CONSTRAINT fk_finance_document_lines_document FOREIGN KEY (document_id) REFERENCES finance_documents (id),
    CONSTRAINT ck_finance_document_lines_quantity CHECK (quantity > 0),
    CONSTRAINT ck_finance_document_lines_price CHECK (unit_price >= 0),
    CONSTRAINT ck_finance_document_lines_amount CHECK (amount >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Receipts (side RECEIVABLE) and payments (PAYABLE). allocated <= amount; the rest is on account.
CREATE TABLE finance_payments (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id     VARCHAR(40)   NOT NULL,
    number        VARCHAR(32)   NOT NULL,
    side          VARCHAR(16)   NOT NULL,
    partner_code  VARCHAR(64)   NOT NULL,
    payment_date  DATE          NOT NULL,
    amount        DECIMAL(19,4) NOT NULL,
    allocated     DECIMAL(19,4) NOT NULL,
    reference     VARCHAR(100)  NULL,
    note          VARCHAR(1000) NULL,
    created_by    VARCHAR(100)  NULL,
    created_at    DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_finance_payments_number (tenant_id, number),
    KEY ix_finance_payments_partner (tenant_id, side, partner_code, payment_date, id),
    CONSTRAINT ck_finance_payments_side CHECK (side IN ('RECEIVABLE', 'PAYABLE')),
    CONSTRAINT ck_finance_payments_amount CHECK (amount > 0),
    CONSTRAINT ck_finance_payments_allocated CHECK (allocated >= 0 AND allocated <= amount)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An amount applied to an invoice or bill, from a receipt/payment or from a credit/debit note (exactly one),
-- dated as the payment or note is, so that aging as of a past date sees only what was applied by then.
CREATE TABLE finance_allocations (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id           VARCHAR(40)   NOT NULL,
    document_id         BIGINT        NOT NULL,
    payment_id          BIGINT        NULL,
    credit_document_id  BIGINT        NULL,
    allocated_on        DATE          NOT NULL,
    amount              DECIMAL(19,4) NOT NULL,
    created_at          DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_finance_allocations_document (document_id, allocated_on),
    KEY ix_finance_allocations_payment (payment_id),
    KEY ix_finance_allocations_credit (credit_document_id),
    CONSTRAINT fk_finance_allocations_document FOREIGN KEY (document_id) REFERENCES finance_documents (id),
    CONSTRAINT fk_finance_allocations_payment FOREIGN KEY (payment_id) REFERENCES finance_payments (id),
    CONSTRAINT fk_finance_allocations_credit FOREIGN KEY (credit_document_id) REFERENCES finance_documents (id),
    CONSTRAINT ck_finance_allocations_amount CHECK (amount > 0),
    CONSTRAINT ck_finance_allocations_source CHECK ((payment_id IS NULL) <> (credit_document_id IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
