-- A year of sales and gross profit in well under a second (issue 14; BENCHMARKS.md, "Reports").
-- Summing a year of the ledger takes seconds however it is indexed (a million index entries read and grouped
-- on two cores). But a calendar month that has ended never changes: every movement is stamped with the time
-- it is written, and the ledger is append-only. So the reports function sums each ended month once, per
-- dimension, the first time a report covers it, and afterwards reads those sums; the days of a period that
-- are not a whole ended month (its first and last partial months, the current month) are still summed from
-- the ledger.
--
-- sales_rollup_months: which (tenant, month) have been summed; inserted first in the transaction that
-- writes the month's rows, so that two reports building the same month do it once (the second waits on the
-- key, then finds it taken).
CREATE TABLE sales_rollup_months (
    tenant_id   VARCHAR(40)  NOT NULL,
    month       DATE         NOT NULL,
    built_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (tenant_id, month)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The sales movements (ISSUE and RETURN_IN of sales orders) of one ended month, summed per dimension:
--   DAY       group_code = the day (YYYY-MM-DD)
--   PRODUCT   group_id   = products.id
--   WAREHOUSE group_id   = warehouses.id
--   ORDER     group_code = sales_orders.number, group_id = its customer_id (0: no such order); one row per
--             order and month, from which orders per month and per customer, gross profit per order and the
--             period's distinct orders are counted
-- orders: the distinct orders among the group's movements that month; quantity: shipped less returned;
-- revenue: the sum of each movement's revenue rounded to the cent, as the reports sum it; cost: the value the
-- ledger recorded (unrounded sum).
CREATE TABLE sales_rollups (
    tenant_id   VARCHAR(40)   NOT NULL,
    dimension   VARCHAR(16)   NOT NULL,
    month       DATE          NOT NULL,
    group_id    BIGINT        NOT NULL DEFAULT 0,
    group_code  VARCHAR(64)   NOT NULL DEFAULT '',
    orders      BIGINT        NOT NULL,
    quantity    DECIMAL(24,4) NOT NULL,
    revenue     DECIMAL(22,2) NOT NULL,
    cost        DECIMAL(22,2) NOT NULL,
    PRIMARY KEY (tenant_id, dimension, month, group_id, group_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
