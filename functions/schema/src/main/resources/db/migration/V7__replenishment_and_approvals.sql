-- Purchase-order approvals and replenishment (issue 14).
--
-- A tenant's own approval threshold: a purchase order whose total is above it waits in
-- PENDING_APPROVAL for an admin. NULL: the environment's PSI_PO_APPROVAL_THRESHOLD applies (and
-- without that, no order needs approval).
ALTER TABLE tenants ADD COLUMN po_approval_threshold DECIMAL(18,2) NULL;

-- Who submitted a purchase order (a draft's submit, or the create) and who approved or rejected it:
-- the approver must not be the submitter. replenished_from: the psi.stock.low.v1 event a draft was
-- made for (NULL for orders people made).
ALTER TABLE purchase_orders
    ADD COLUMN submitted_by VARCHAR(100) NULL,
    ADD COLUMN decided_by VARCHAR(100) NULL,
    ADD COLUMN replenished_from VARCHAR(128) NULL;

-- The open purchase quantities of a product in a warehouse (replenishment counts them).
CREATE INDEX ix_purchase_order_lines_product ON purchase_order_lines (tenant_id, product_id);

-- Lists of stock documents filtered by warehouse.
CREATE INDEX ix_stock_documents_warehouse ON stock_documents (tenant_id, document_type, warehouse_id, created_at);

-- One row per (tenant, SKU, warehouse code) that replenish has looked at: deciding on a psi.stock.low.v1
-- locks it before anything else is read, so two low events for the same shortfall are decided one after
-- the other and the second sees the first one's draft (and drafts nothing). Keyed by the event's own
-- names so that it can be locked first. Nothing else reads or locks it.
CREATE TABLE replenishment_locks (
    tenant_id       VARCHAR(40)  NOT NULL,
    sku             VARCHAR(64)  NOT NULL,
    warehouse_code  VARCHAR(64)  NOT NULL,
    checked_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (tenant_id, sku, warehouse_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
