-- Shipments and goods receipts as documents of their own (printable documents, issue 14): order-workflow records
-- one row per shipment (SH-...) or receipt (GR-...) when stock-adjust confirms it (psi.stock.issued.v1,
-- psi.stock.received.v1), with what each order line moved and when. Before this table the numbers lived only in
-- the events; shipments and receipts confirmed before it have no row (and so no printable document).

CREATE TABLE order_movements (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id        VARCHAR(40)   NOT NULL,
    order_kind       VARCHAR(16)   NOT NULL,
    order_number     VARCHAR(32)   NOT NULL,
    movement_kind    VARCHAR(16)   NOT NULL,
    number           VARCHAR(64)   NOT NULL,
    warehouse_code   VARCHAR(64)   NOT NULL,
    moved_at         DATETIME(6)   NOT NULL,
    event_id         VARCHAR(128)  NOT NULL,
    created_at       DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_order_movements_number (tenant_id, order_kind, order_number, number),
    KEY ix_order_movements_order (tenant_id, order_kind, order_number, moved_at),
    CONSTRAINT ck_order_movements_kind CHECK (movement_kind IN ('SHIPMENT', 'RECEIPT'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What one shipment or receipt moved of each order line (line_no of the order's lines).
CREATE TABLE order_movement_lines (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id    VARCHAR(40)   NOT NULL,
    movement_id  BIGINT        NOT NULL,
    line_no      INT           NOT NULL,
    quantity     DECIMAL(18,4) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_order_movement_lines (movement_id, line_no),
    CONSTRAINT fk_order_movement_lines_movement FOREIGN KEY (movement_id) REFERENCES order_movements (id),
    CONSTRAINT ck_order_movement_lines_quantity CHECK (quantity > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
