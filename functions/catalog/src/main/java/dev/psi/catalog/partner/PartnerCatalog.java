package dev.psi.catalog.partner;

import dev.psi.catalog.shared.ListParams;
import dev.psi.catalog.shared.PathKeys;
import dev.psi.contract.catalog.Partner;
import dev.psi.contract.catalog.PartnerRequest;
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
import java.util.Locale;
import java.util.Map;

@Singleton
final class PartnerCatalog {

    private static final String COLUMNS = "code, name, contact, phone, email, address, active, version, created_at, updated_at";
    private static final Map<String, String> SORTS = Map.of("code", "code", "name", "name", "createdAt", "created_at");

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    PartnerCatalog(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    Outcome<Partner> create(PartnerKind kind, TenantId tenant, PartnerRequest request, Idempotency once) {
        return database.inTransaction(tx -> once.run(tx, () -> {
            var now = clock.instant();
            try {
                tx.update("INSERT INTO " + kind.tableName() + " (tenant_id, code, name, contact, phone, email, address,"
                                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        tenant.value(), request.code(), request.name(), request.contact(), request.phone(), request.email(),
                        request.address(), now, now);
            } catch (SQLException e) {
                if (SqlErrors.isDuplicateKey(e)) {
                    throw ProblemException.duplicate(kind.what(), request.code());
                }
                throw e;
            }
            audit.record(tx, tenant, "create", kind.name().toLowerCase(Locale.ROOT), request.code(), request);
            var partner = find(tx, kind, tenant, request.code());
            return Outcome.created(partner, PathKeys.location("/api/" + kind.path, partner.code()));
        }));
    }

    Partner get(PartnerKind kind, TenantId tenant, String code) {
        return database.read(tx -> find(tx, kind, tenant, code));
    }

    Partner update(PartnerKind kind, TenantId tenant, String code, int expectedVersion, PartnerRequest request) {
        return database.inTransaction(tx -> {
            int updated = tx.update("UPDATE " + kind.tableName() + " SET name = ?, contact = ?, phone = ?, email = ?,"
                            + " address = ?, version = version + 1, updated_at = ?"
                            + " WHERE tenant_id = ? AND code = ? AND version = ?",
                    request.name(), request.contact(), request.phone(), request.email(), request.address(),
                    clock.instant(), tenant.value(), code, expectedVersion);
            if (updated == 0) {
                throw kind.table.whyNotUpdated(tx, tenant, code, expectedVersion);
            }
            audit.record(tx, tenant, "update", kind.name().toLowerCase(Locale.ROOT), code, request);
            return find(tx, kind, tenant, code);
        });
    }

    Partner setActive(PartnerKind kind, TenantId tenant, String code, boolean active, Integer expectedVersion) {
        return database.inTransaction(tx -> {
            kind.table.setActive(tx, tenant, code, active, expectedVersion, clock.instant());
            audit.record(tx, tenant, active ? "activate" : "deactivate", kind.name().toLowerCase(Locale.ROOT), code, null);
            return find(tx, kind, tenant, code);
        });
    }

    Page<Partner> list(PartnerKind kind, TenantId tenant, PageRequest page, String q, Boolean active, String sort) {
        var where = Where.tenant("tenant_id", tenant)
                .search(q, "code", "name", "contact", "phone", "email")
                .andIf(active, "active = ?");
        String orderBy = ListParams.orderBy(sort, "code", SORTS, "id");
        return database.read(tx -> Pages.fetch(tx, "SELECT " + COLUMNS + " FROM " + kind.tableName(), where, orderBy,
                page, PartnerCatalog::map));
    }

    private static Partner find(Tx tx, PartnerKind kind, TenantId tenant, String code) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM " + kind.tableName() + " WHERE tenant_id = ? AND code = ?",
                        PartnerCatalog::map, tenant.value(), code)
                .orElseThrow(() -> ProblemException.notFound(kind.what(), code));
    }

    private static Partner map(Row row) throws SQLException {
        return new Partner(row.string("code"), row.string("name"), row.string("contact"), row.string("phone"),
                row.string("email"), row.string("address"), row.bool("active"), row.intValue("version"),
                row.instant("created_at"), row.instant("updated_at"));
    }
}
