package dev.psi.catalog.warehouse;

import dev.psi.catalog.shared.ListParams;
import dev.psi.catalog.shared.PathKeys;
import dev.psi.catalog.shared.Versioned;
import dev.psi.contract.catalog.Warehouse;
import dev.psi.contract.catalog.WarehouseRequest;
import dev.psi.contract.common.Page;
import dev.psi.kernel.audit.AuditLog;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Pages;
import dev.psi.kernel.db.Row;
import dev.psi.kernel.db.SqlErrors;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.db.Where;
import dev.psi.kernel.idempotency.IdempotentRequests.Idempotency;
import dev.psi.kernel.idempotency.Outcome;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

@Singleton
final class WarehouseCatalog {

    static final Versioned TABLE = new Versioned("warehouses", "code", "Warehouse");
    private static final String SELECT = "SELECT code, name, address, active, version, created_at, updated_at FROM warehouses";
    private static final Map<String, String> SORTS = Map.of("code", "code", "name", "name", "createdAt", "created_at");

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    WarehouseCatalog(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    Outcome<Warehouse> create(TenantId tenant, WarehouseRequest request, Idempotency once) {
        return database.inTransaction(tx -> once.run(tx, () -> {
            var now = clock.instant();
            try {
                tx.update("INSERT INTO warehouses (tenant_id, code, name, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                        tenant.value(), request.code(), request.name(), request.address(), now, now);
            } catch (SQLException e) {
                if (SqlErrors.isDuplicateKey(e)) {
                    throw ProblemException.duplicate("Warehouse", request.code());
                }
                throw e;
            }
            audit.record(tx, tenant, "create", "warehouse", request.code(), request);
            var warehouse = find(tx, tenant, request.code());
            return Outcome.created(warehouse, PathKeys.location("/api/warehouses", warehouse.code()));
        }));
    }

    Warehouse get(TenantId tenant, String code) {
        return database.read(tx -> find(tx, tenant, code));
    }

    Warehouse update(TenantId tenant, String code, int expectedVersion, WarehouseRequest request) {
        return database.inTransaction(tx -> {
            int updated = tx.update("UPDATE warehouses SET name = ?, address = ?, version = version + 1, updated_at = ?"
                            + " WHERE tenant_id = ? AND code = ? AND version = ?",
                    request.name(), request.address(), clock.instant(), tenant.value(), code, expectedVersion);
            if (updated == 0) {
                throw TABLE.whyNotUpdated(tx, tenant, code, expectedVersion);
            }
            audit.record(tx, tenant, "update", "warehouse", code, request);
            return find(tx, tenant, code);
        });
    }

    Warehouse setActive(TenantId tenant, String code, boolean active, Integer expectedVersion) {
        return database.inTransaction(tx -> {
            TABLE.setActive(tx, tenant, code, active, expectedVersion, clock.instant());
            audit.record(tx, tenant, active ? "activate" : "deactivate", "warehouse", code, null);
            return find(tx, tenant, code);
        });
    }

    Page<Warehouse> list(TenantId tenant, PageRequest page, String q, Boolean active, String sort) {
        var where = Where.tenant("tenant_id", tenant).search(q, "code", "name").andIf(active, "active = ?");
        String orderBy = ListParams.orderBy(sort, "code", SORTS, "id");
        return database.read(tx -> Pages.fetch(tx, SELECT, where, orderBy, page, WarehouseCatalog::map));
    }

    private static Warehouse find(Tx tx, TenantId tenant, String code) throws SQLException {
        return tx.one(SELECT + " WHERE tenant_id = ? AND code = ?", WarehouseCatalog::map, tenant.value(), code)
                .orElseThrow(() -> ProblemException.notFound("Warehouse", code));
    }

    private static Warehouse map(Row row) throws SQLException {
        return new Warehouse(row.string("code"), row.string("name"), row.string("address"), row.bool("active"),
                row.intValue("version"), row.instant("created_at"), row.instant("updated_at"));
    }
}
