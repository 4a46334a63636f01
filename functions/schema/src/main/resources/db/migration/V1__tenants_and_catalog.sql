-- Every business table carries tenant_id, and every unique key starts with it.
-- Codes and SKUs are the public identifiers; numeric ids never leave the database.

CREATE TABLE tenants (
    id          VARCHAR(40)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    active      BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at  DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO tenants (id, name) VALUES ('demo', 'Demo trading company');

CREATE TABLE warehouses (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id   VARCHAR(40)  NOT NULL,
    code        VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    address     VARCHAR(500) NULL,
    active      BOOLEAN      NOT NULL DEFAULT TRUE,
    version     INT          NOT NULL DEFAULT 0,
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_warehouses_code (tenant_id, code),
    KEY ix_warehouses_name (tenant_id, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE suppliers (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id   VARCHAR(40)  NOT NULL,
    code        VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    contact     VARCHAR(200) NULL,
    phone       VARCHAR(64)  NULL,
    email       VARCHAR(254) NULL,
    address     VARCHAR(500) NULL,
    active      BOOLEAN      NOT NULL DEFAULT TRUE,
    version     INT          NOT NULL DEFAULT 0,
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_suppliers_code (tenant_id, code),
    KEY ix_suppliers_name (tenant_id, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE customers (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id   VARCHAR(40)  NOT NULL,
    code        VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    contact     VARCHAR(200) NULL,
    phone       VARCHAR(64)  NULL,
    email       VARCHAR(254) NULL,
    address     VARCHAR(500) NULL,
    active      BOOLEAN      NOT NULL DEFAULT TRUE,
    version     INT          NOT NULL DEFAULT 0,
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_customers_code (tenant_id, code),
    KEY ix_customers_name (tenant_id, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE products (
    id                    BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id             VARCHAR(40)   NOT NULL,
    sku                   VARCHAR(64)   NOT NULL,
    name                  VARCHAR(200)  NOT NULL,
    unit                  VARCHAR(32)   NOT NULL,
    barcode               VARCHAR(64)   NULL,
    category              VARCHAR(100)  NULL,
    purchase_price        DECIMAL(18,2) NOT NULL DEFAULT 0,
    sale_price            DECIMAL(18,2) NOT NULL DEFAULT 0,
    reorder_point         DECIMAL(18,4) NOT NULL DEFAULT 0,
    reorder_quantity      DECIMAL(18,4) NOT NULL DEFAULT 0,
    preferred_supplier_id BIGINT        NULL,
    active                BOOLEAN       NOT NULL DEFAULT TRUE,
    version               INT           NOT NULL DEFAULT 0,
    created_at            DATETIME(6)   NOT NULL,
    updated_at            DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_products_sku (tenant_id, sku),
    UNIQUE KEY uk_products_barcode (tenant_id, barcode),
    KEY ix_products_category (tenant_id, category),
    KEY ix_products_name (tenant_id, name),
    CONSTRAINT fk_products_supplier FOREIGN KEY (preferred_supplier_id) REFERENCES suppliers (id),
    CONSTRAINT ck_products_purchase_price CHECK (purchase_price >= 0),
    CONSTRAINT ck_products_sale_price CHECK (sale_price >= 0),
    CONSTRAINT ck_products_reorder_point CHECK (reorder_point >= 0),
    CONSTRAINT ck_products_reorder_quantity CHECK (reorder_quantity >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
