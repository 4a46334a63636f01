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
