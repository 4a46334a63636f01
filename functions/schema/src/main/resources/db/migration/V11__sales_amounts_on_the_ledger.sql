-- Fast sales and gross-profit reports over a year of ledger (issue 14; timings in BENCHMARKS.md, "Reports").
-- Until now the reports priced every ISSUE movement by joining it to its sales order (by number) and order
-- line (by product): a million index lookups each way for a year, 11-13 s. Now stock-adjust writes what a
-- shipment is worth on the ledger row itself, so that the reports sum the covering index alone.
--
-- stock_reservations.net_unit_price: the order line's net unit price (after line and document discounts,
-- without tax; sales orders only), taken from psi.sales-order.placed.v1 when the order is reserved.
-- stock_movements.net_amount: on an ISSUE of a sales order, ROUND(issued quantity x that net unit price, 2),
-- the revenue the shipment books; NULL on every other movement (a RETURN_IN is priced by its order line in
-- the report: returns are few) and on a row whose reservation had no price.
ALTER TABLE stock_reservations
    ADD COLUMN net_unit_price DECIMAL(19,6) NULL;

ALTER TABLE stock_movements
    ADD COLUMN net_amount DECIMAL(18,2) NULL;

-- The rows written before: the same figures from the order lines (a line without pricing: its unit price).
UPDATE stock_reservations r
    JOIN sales_orders o ON o.tenant_id = r.tenant_id AND o.number = r.document_number
    JOIN sales_order_lines l ON l.order_id = o.id AND l.product_id = r.product_id
SET r.net_unit_price = COALESCE(l.net_unit_price, l.unit_price)
WHERE r.document_type = 'SALES_ORDER';

UPDATE stock_movements m
    JOIN sales_orders o ON o.tenant_id = m.tenant_id AND o.number = m.reference_number
    JOIN sales_order_lines l ON l.order_id = o.id AND l.product_id = m.product_id
SET m.net_amount = ROUND(-m.on_hand_delta * COALESCE(l.net_unit_price, l.unit_price), 2)
WHERE m.movement_type = 'ISSUE' AND m.reference_type = 'SALES_ORDER';

-- The report index gains the amount, so that the sales and gross-profit reports never leave it.
ALTER TABLE stock_movements DROP INDEX ix_movements_report;
CREATE INDEX ix_movements_report ON stock_movements (tenant_id, movement_type, reference_type, created_at,
    reference_number, product_id, warehouse_id, on_hand_delta, value_delta, net_amount);
