-- The transactional outbox: written in the same transaction as the state change it reports.
CREATE TABLE outbox (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id      VARCHAR(40)   NOT NULL,
    event_id       VARCHAR(128)  NOT NULL,
    event_type     VARCHAR(128)  NOT NULL,
    source         VARCHAR(200)  NOT NULL,
    topic          VARCHAR(128)  NOT NULL,
    message_key    VARCHAR(128)  NOT NULL,
    aggregate_id   VARCHAR(128)  NOT NULL,
    payload        LONGTEXT      NOT NULL,
    occurred_at    DATETIME(6)   NOT NULL,
    published_at   DATETIME(6)   NULL,
    attempts       INT           NOT NULL DEFAULT 0,
    last_error     VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_outbox_event (event_id),
    KEY ix_outbox_pending (published_at, id),
    KEY ix_outbox_aggregate (tenant_id, aggregate_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The inbox: (consumer, CloudEvent id) recorded in the same transaction as the event's effect.
CREATE TABLE inbox (
    consumer       VARCHAR(64)   NOT NULL,
    event_id       VARCHAR(128)  NOT NULL,
    tenant_id      VARCHAR(40)   NOT NULL,
    event_type     VARCHAR(128)  NOT NULL,
    aggregate_id   VARCHAR(128)  NULL,
    outcome        VARCHAR(32)   NOT NULL,
    processed_at   DATETIME(6)   NOT NULL,
    PRIMARY KEY (consumer, event_id),
    KEY ix_inbox_aggregate (tenant_id, aggregate_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Events that could never be applied, with why; kept for an operator to inspect and replay.
CREATE TABLE dead_letters (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    consumer       VARCHAR(64)   NOT NULL,
    event_id       VARCHAR(128)  NULL,
    event_type     VARCHAR(128)  NULL,
    event_source   VARCHAR(200)  NULL,
    tenant_id      VARCHAR(40)   NULL,
    headers        LONGTEXT      NULL,
    payload        LONGTEXT      NULL,
    reason         VARCHAR(2000) NULL,
    created_at     DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_dead_letters_event (event_id),
    KEY ix_dead_letters_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Idempotency-Key: the first result of a creating request, replayed for every repeat.
CREATE TABLE idempotency_keys (
    tenant_id        VARCHAR(40)   NOT NULL,
    scope            VARCHAR(64)   NOT NULL,
    idempotency_key  VARCHAR(200)  NOT NULL,
    request_hash     CHAR(64)      NOT NULL,
    response_status  INT           NOT NULL,
    response_body    LONGTEXT      NOT NULL,
    response_location VARCHAR(500) NULL,
    created_at       DATETIME(6)   NOT NULL,
    PRIMARY KEY (tenant_id, scope, idempotency_key),
    KEY ix_idempotency_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE audit_log (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id     VARCHAR(40)   NOT NULL,
    actor         VARCHAR(100)  NULL,
    action        VARCHAR(64)   NOT NULL,
    entity_type   VARCHAR(64)   NOT NULL,
    entity_key    VARCHAR(128)  NOT NULL,
    details       LONGTEXT      NULL,
    created_at    DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_audit_entity (tenant_id, entity_type, entity_key, id),
    KEY ix_audit_created (tenant_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
