-- Stock: one row per (tenant, product, warehouse) and an append-only ledger that it always equals.
-- Quantities DECIMAL(18,4); unit costs DECIMAL(19,6) because a moving average rounded to cents
-- drifts a little with every receipt; values (quantity x cost) DECIMAL(18,2).

CREATE TABLE stock (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id       VARCHAR(40)   NOT NULL,
    product_id      BIGINT        NOT NULL,
    warehouse_id    BIGINT        NOT NULL,
    on_hand         DECIMAL(18,4) NOT NULL DEFAULT 0,
    reserved        DECIMAL(18,4) NOT NULL DEFAULT 0,
    average_cost    DECIMAL(19,6) NOT NULL DEFAULT 0,
    below_reorder   BOOLEAN       NOT NULL DEFAULT FALSE,
    version         BIGINT        NOT NULL DEFAULT 0,
    updated_at      DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_stock (tenant_id, product_id, warehouse_id),
    KEY ix_stock_warehouse (tenant_id, warehouse_id),
    CONSTRAINT fk_stock_product FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT fk_stock_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id),
    CONSTRAINT ck_stock_on_hand CHECK (on_hand >= 0),
    CONSTRAINT ck_stock_reserved CHECK (reserved >= 0),
    CONSTRAINT ck_stock_reserved_le_on_hand CHECK (reserved <= on_hand),
    CONSTRAINT ck_stock_average_cost CHECK (average_cost >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Immutable: rows are only ever inserted.
CREATE TABLE stock_movements (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id           VARCHAR(40)   NOT NULL,
    product_id          BIGINT        NOT NULL,
    warehouse_id        BIGINT        NOT NULL,
    movement_type       VARCHAR(32)   NOT NULL,
    on_hand_delta       DECIMAL(18,4) NOT NULL,
    reserved_delta      DECIMAL(18,4) NOT NULL,
    unit_cost           DECIMAL(19,6) NOT NULL,
    value_delta         DECIMAL(18,2) NOT NULL,
    on_hand_after       DECIMAL(18,4) NOT NULL,
    reserved_after      DECIMAL(18,4) NOT NULL,
    average_cost_after  DECIMAL(19,6) NOT NULL,
    reason              VARCHAR(32)   NULL,
    reference_type      VARCHAR(32)   NULL,
    reference_number    VARCHAR(64)   NULL,
    event_id            VARCHAR(128)  NULL,
    created_by          VARCHAR(100)  NULL,
    created_at          DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_movements_stock (tenant_id, product_id, warehouse_id, id),
    KEY ix_movements_reference (tenant_id, reference_type, reference_number),
    KEY ix_movements_time (tenant_id, created_at),
    CONSTRAINT fk_movements_product FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT fk_movements_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What each document (a sales order, a transfer) still holds reserved, so that release and issue
-- act on exactly that document's reservation and a repeated release releases nothing twice.
CREATE TABLE stock_reservations (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id        VARCHAR(40)   NOT NULL,
    document_type    VARCHAR(32)   NOT NULL,
    document_number  VARCHAR(64)   NOT NULL,
    product_id       BIGINT        NOT NULL,
    warehouse_id     BIGINT        NOT NULL,
    quantity         DECIMAL(18,4) NOT NULL,
    issued           DECIMAL(18,4) NOT NULL DEFAULT 0,
    released         DECIMAL(18,4) NOT NULL DEFAULT 0,
    created_at       DATETIME(6)   NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_reservations (tenant_id, document_type, document_number, product_id, warehouse_id),
    CONSTRAINT fk_reservations_product FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT fk_reservations_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id),
    CONSTRAINT ck_reservations_quantity CHECK (quantity >= 0),
    CONSTRAINT ck_reservations_issued CHECK (issued >= 0),
    CONSTRAINT ck_reservations_released CHECK (released >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Stock documents raised by hand: adjustments, transfers and stocktakes.
CREATE TABLE stock_documents (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id          VARCHAR(40)   NOT NULL,
    document_type      VARCHAR(32)   NOT NULL,
    number             VARCHAR(32)   NOT NULL,
    warehouse_id       BIGINT        NOT NULL,
    to_warehouse_id    BIGINT        NULL,
    reason             VARCHAR(32)   NULL,
    note               VARCHAR(1000) NULL,
    created_by         VARCHAR(100)  NULL,
    created_at         DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_stock_documents_number (tenant_id, number),
    KEY ix_stock_documents_type (tenant_id, document_type, created_at),
    CONSTRAINT fk_stock_documents_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id),
    CONSTRAINT fk_stock_documents_to_warehouse FOREIGN KEY (to_warehouse_id) REFERENCES warehouses (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE stock_document_lines (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id         VARCHAR(40)   NOT NULL,
    document_id       BIGINT        NOT NULL,
    line_no           INT           NOT NULL,
    product_id        BIGINT        NOT NULL,
    quantity          DECIMAL(18,4) NOT NULL,
    system_quantity   DECIMAL(18,4) NULL,
    counted_quantity  DECIMAL(18,4) NULL,
    unit_cost         DECIMAL(19,6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_stock_document_lines (document_id, line_no),
    CONSTRAINT fk_stock_document_lines_document FOREIGN KEY (document_id) REFERENCES stock_documents (id),
    CONSTRAINT fk_stock_document_lines_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
