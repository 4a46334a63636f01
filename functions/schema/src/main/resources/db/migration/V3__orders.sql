-- Purchase and sales orders. Numbers (PO-2026-000001) come from document_sequences without gaps.

CREATE TABLE document_sequences (
    tenant_id   VARCHAR(40) NOT NULL,
    kind        VARCHAR(16) NOT NULL,
    period      INT         NOT NULL,
    last_value  BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, kind, period)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE purchase_orders (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id      VARCHAR(40)   NOT NULL,
    number         VARCHAR(32)   NOT NULL,
    supplier_id    BIGINT        NOT NULL,
    warehouse_id   BIGINT        NOT NULL,
    status         VARCHAR(24)   NOT NULL,
    expected_date  DATE          NULL,
    note           VARCHAR(1000) NULL,
    total_amount   DECIMAL(18,2) NOT NULL,
    version        INT           NOT NULL DEFAULT 0,
    created_by     VARCHAR(100)  NULL,
    created_at     DATETIME(6)   NOT NULL,
    updated_at     DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_purchase_orders_number (tenant_id, number),
    KEY ix_purchase_orders_status (tenant_id, status, created_at),
    KEY ix_purchase_orders_supplier (tenant_id, supplier_id, created_at),
    KEY ix_purchase_orders_created (tenant_id, created_at),
    CONSTRAINT fk_purchase_orders_supplier FOREIGN KEY (supplier_id) REFERENCES suppliers (id),
    CONSTRAINT fk_purchase_orders_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id),
    CONSTRAINT ck_purchase_orders_total CHECK (total_amount >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE purchase_order_lines (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id          VARCHAR(40)   NOT NULL,
    order_id           BIGINT        NOT NULL,
    line_no            INT           NOT NULL,
    product_id         BIGINT        NOT NULL,
    quantity           DECIMAL(18,4) NOT NULL,
    unit_price         DECIMAL(18,2) NOT NULL,
    received_quantity  DECIMAL(18,4) NOT NULL DEFAULT 0,
    returned_quantity  DECIMAL(18,4) NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_purchase_order_lines_product (order_id, product_id),
    UNIQUE KEY uk_purchase_order_lines_no (order_id, line_no),
    CONSTRAINT fk_purchase_order_lines_order FOREIGN KEY (order_id) REFERENCES purchase_orders (id),
    CONSTRAINT fk_purchase_order_lines_product FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT ck_purchase_order_lines_quantity CHECK (quantity > 0),
    CONSTRAINT ck_purchase_order_lines_price CHECK (unit_price >= 0),
    CONSTRAINT ck_purchase_order_lines_received CHECK (received_quantity >= 0),
    CONSTRAINT ck_purchase_order_lines_returned CHECK (returned_quantity >= 0 AND returned_quantity <= received_quantity)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE sales_orders (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id         VARCHAR(40)   NOT NULL,
    number            VARCHAR(32)   NOT NULL,
    customer_id       BIGINT        NOT NULL,
    warehouse_id      BIGINT        NOT NULL,
    status            VARCHAR(24)   NOT NULL,
    rejection_reason  VARCHAR(2000) NULL,
    note              VARCHAR(1000) NULL,
    total_amount      DECIMAL(18,2) NOT NULL,
    version           INT           NOT NULL DEFAULT 0,
    created_by        VARCHAR(100)  NULL,
    created_at        DATETIME(6)   NOT NULL,
    updated_at        DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_sales_orders_number (tenant_id, number),
    KEY ix_sales_orders_status (tenant_id, status, created_at),
    KEY ix_sales_orders_customer (tenant_id, customer_id, created_at),
    KEY ix_sales_orders_created (tenant_id, created_at),
    CONSTRAINT fk_sales_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
    CONSTRAINT fk_sales_orders_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id),
    CONSTRAINT ck_sales_orders_total CHECK (total_amount >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE sales_order_lines (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id          VARCHAR(40)   NOT NULL,
    order_id           BIGINT        NOT NULL,
    line_no            INT           NOT NULL,
    product_id         BIGINT        NOT NULL,
    quantity           DECIMAL(18,4) NOT NULL,
    unit_price         DECIMAL(18,2) NOT NULL,
    shipped_quantity   DECIMAL(18,4) NOT NULL DEFAULT 0,
    returned_quantity  DECIMAL(18,4) NOT NULL DEFAULT 0,
    unit_cost          DECIMAL(19,6) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_sales_order_lines_product (order_id, product_id),
    UNIQUE KEY uk_sales_order_lines_no (order_id, line_no),
    CONSTRAINT fk_sales_order_lines_order FOREIGN KEY (order_id) REFERENCES sales_orders (id),
    CONSTRAINT fk_sales_order_lines_product FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT ck_sales_order_lines_quantity CHECK (quantity > 0),
    CONSTRAINT ck_sales_order_lines_price CHECK (unit_price >= 0),
    CONSTRAINT ck_sales_order_lines_shipped CHECK (shipped_quantity >= 0 AND shipped_quantity <= quantity),
    CONSTRAINT ck_sales_order_lines_returned CHECK (returned_quantity >= 0 AND returned_quantity <= shipped_quantity)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every status change of an order, with the event that caused it.
CREATE TABLE order_status_history (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id      VARCHAR(40)   NOT NULL,
    order_kind     VARCHAR(16)   NOT NULL,
    order_number   VARCHAR(32)   NOT NULL,
    from_status    VARCHAR(24)   NULL,
    to_status      VARCHAR(24)   NOT NULL,
    reason         VARCHAR(2000) NULL,
    event_id       VARCHAR(128)  NULL,
    event_type     VARCHAR(128)  NULL,
    created_at     DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_order_status_history (tenant_id, order_kind, order_number, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
