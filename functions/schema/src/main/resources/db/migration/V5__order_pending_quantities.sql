-- Quantities asked of stock-adjust but not yet confirmed by it (a shipment, receipt or return in
-- flight), so that a second command cannot promise the same units twice.
ALTER TABLE purchase_order_lines
    ADD COLUMN pending_quantity DECIMAL(18,4) NOT NULL DEFAULT 0,
    ADD COLUMN pending_return_quantity DECIMAL(18,4) NOT NULL DEFAULT 0,
    ADD CONSTRAINT ck_purchase_order_lines_pending CHECK (pending_quantity >= 0 AND pending_return_quantity >= 0);

ALTER TABLE sales_order_lines
    ADD COLUMN pending_quantity DECIMAL(18,4) NOT NULL DEFAULT 0,
    ADD COLUMN pending_return_quantity DECIMAL(18,4) NOT NULL DEFAULT 0,
    ADD CONSTRAINT ck_sales_order_lines_pending CHECK (pending_quantity >= 0 AND pending_return_quantity >= 0);
