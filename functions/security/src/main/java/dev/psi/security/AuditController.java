package dev.psi.security;

import dev.psi.contract.audit.AuditEntry;
import dev.psi.contract.common.Page;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.ListQuery;
import dev.psi.kernel.db.Pages;
import dev.psi.kernel.db.Where;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.PageRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code GET /api/audit}: the tenant's audit log, newest first, for admins (see {@link Permissions}). */
@Controller("/api/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditController {

    private final Database database;

    AuditController(Database database) {
        this.database = database;
    }

    @Get
    Page<AuditEntry> list(TenantId tenant, @QueryValue(defaultValue = "0") int page,
                          @QueryValue(defaultValue = "50") int size, @Nullable @QueryValue String actor,
                          @Nullable @QueryValue String entityType, @Nullable @QueryValue String entityKey,
                          @Nullable @QueryValue String action) {
        var where = Where.tenant("tenant_id", tenant).andIf(actor, "actor = ?").andIf(entityType, "entity_type = ?")
                .andIf(entityKey, "entity_key = ?").andIf(action, "action = ?");
        return database.read(tx -> Pages.fetch(tx,
                new ListQuery("id, actor, action, entity_type, entity_key, details, created_at", "audit_log"), where,
                "ORDER BY id DESC", PageRequest.of(page, size),
                row -> new AuditEntry(row.longValue("id"), row.string("actor"), row.string("action"),
                        row.string("entity_type"), row.string("entity_key"), row.string("details"),
                        row.instant("created_at"))));
    }
}
