-- Indexes for the reports function (issue 14; timings in BENCHMARKS.md, "Reports"). Numbered 7.1 so that
-- a V7 written meanwhile on another branch still sorts before it. Both carry the columns their reports
-- read, so the ledger is scanned in the index alone, never row by row in the table: about twice the
-- ledger's storage, bought for reports over a million movements.
--
-- Sales, purchases and gross profit: the movements of one kind (ISSUE / RETURN_IN of sales orders,
-- RECEIPT / RETURN_OUT of purchase orders) in a period, with the order reference that prices them.
CREATE INDEX ix_movements_report ON stock_movements (tenant_id, movement_type, reference_type, created_at,
    reference_number, product_id, warehouse_id, on_hand_delta, value_delta);

-- Valuation at a date, turnover and slow-moving stock: every movement up to a date, summed per product
-- and warehouse.
CREATE INDEX ix_movements_valuation ON stock_movements (tenant_id, created_at, product_id, warehouse_id,
    movement_type, reference_type, on_hand_delta, value_delta);
