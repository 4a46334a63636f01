-- Prices, taxes and discounts (issue 14). The arithmetic is OrderPricing's (functions/kernel); these
-- columns store what it computed, per line and per order, so that reads never recompute them.

-- The tenant's settings: the tax rate of a product that has none of its own (percent, 0 unless set),
-- and whether the prices it enters (order lines, catalog sale and purchase prices) include that tax.
ALTER TABLE tenants
    ADD COLUMN default_tax_rate DECIMAL(5,2) NOT NULL DEFAULT 0,
    ADD COLUMN prices_include_tax BOOLEAN NOT NULL DEFAULT FALSE,
    ADD CONSTRAINT ck_tenants_default_tax_rate CHECK (default_tax_rate >= 0 AND default_tax_rate <= 100);

-- A product's own tax rate (percent); NULL: the tenant's default_tax_rate.
ALTER TABLE products
    ADD COLUMN tax_rate DECIMAL(5,2) NULL,
    ADD CONSTRAINT ck_products_tax_rate CHECK (tax_rate >= 0 AND tax_rate <= 100);

-- Per line: the rate applied, the discount as requested (percent, else NULL) and in money, the line's
-- share of the document discount, and the resulting net, tax and gross; net_unit_price = net / quantity
-- (what a receipt raises the moving-average cost by). net_amount, gross_amount and net_unit_price NULL:
-- a line written without pricing (a seed, a benchmark row): net = gross = ROUND(quantity * unit_price, 2),
-- tax 0, net_unit_price = unit_price; existing rows are filled in below on that rule.
ALTER TABLE purchase_order_lines
    ADD COLUMN tax_rate DECIMAL(5,2) NOT NULL DEFAULT 0,
    ADD COLUMN discount_percent DECIMAL(5,2) NULL,
    ADD COLUMN discount_amount DECIMAL(18,2) NOT NULL DEFAULT 0,
    ADD COLUMN document_discount DECIMAL(18,2) NOT NULL DEFAULT 0,
    ADD COLUMN net_amount DECIMAL(18,2) NULL,
    ADD COLUMN tax_amount DECIMAL(18,2) NOT NULL DEFAULT 0,
    ADD COLUMN gross_amount DECIMAL(18,2) NULL,
    ADD COLUMN net_unit_price DECIMAL(19,6) NULL,
    ADD CONSTRAINT ck_purchase_order_lines_tax CHECK (tax_rate >= 0 AND tax_rate <= 100 AND tax_amount >= 0
        AND discount_amount >= 0 AND document_discount >= 0 AND net_amount >= 0 AND gross_amount >= 0);

ALTER TABLE sales_order_lines
    ADD COLUMN tax_rate DECIMAL(5,2) NOT NULL DEFAULT 0,
    ADD COLUMN discount_percent DECIMAL(5,2) NULL,
    ADD COLUMN discount_amount DECIMAL(18,2) NOT NULL DEFAULT 0,
    ADD COLUMN document_discount DECIMAL(18,2) NOT NULL DEFAULT 0,
    ADD COLUMN net_amount DECIMAL(18,2) NULL,
    ADD COLUMN tax_amount DECIMAL(18,2) NOT NULL DEFAULT 0,
    ADD COLUMN gross_amount DECIMAL(18,2) NULL,
    ADD COLUMN net_unit_price DECIMAL(19,6) NULL,
    ADD CONSTRAINT ck_sales_order_lines_tax CHECK (tax_rate >= 0 AND tax_rate <= 100 AND tax_amount >= 0
        AND discount_amount >= 0 AND document_discount >= 0 AND net_amount >= 0 AND gross_amount >= 0);

-- Per order: total_amount stays the GROSS total (what the approval threshold compares); net and tax
-- beside it; the document discount as requested (percent, else NULL) and in money.
-- net_amount NULL: an order written without pricing, net = total_amount, tax 0.
ALTER TABLE purchase_orders
    ADD COLUMN discount_percent DECIMAL(5,2) NULL,
    ADD COLUMN discount_amount DECIMAL(18,2) NOT NULL DEFAULT 0,
    ADD COLUMN net_amount DECIMAL(18,2) NULL,
    ADD COLUMN tax_amount DECIMAL(18,2) NOT NULL DEFAULT 0,
    ADD COLUMN prices_include_tax BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE sales_orders
    ADD COLUMN discount_percent DECIMAL(5,2) NULL,
    ADD COLUMN discount_amount DECIMAL(18,2) NOT NULL DEFAULT 0,
    ADD COLUMN net_amount DECIMAL(18,2) NULL,
    ADD COLUMN tax_amount DECIMAL(18,2) NOT NULL DEFAULT 0,
    ADD COLUMN prices_include_tax BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE purchase_order_lines SET net_amount = ROUND(quantity * unit_price, 2),
    gross_amount = ROUND(quantity * unit_price, 2), net_unit_price = unit_price;
UPDATE sales_order_lines SET net_amount = ROUND(quantity * unit_price, 2),
    gross_amount = ROUND(quantity * unit_price, 2), net_unit_price = unit_price;
UPDATE purchase_orders SET net_amount = total_amount;
UPDATE sales_orders SET net_amount = total_amount;
