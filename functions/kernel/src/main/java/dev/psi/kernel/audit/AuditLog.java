package dev.psi.kernel.audit;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;

/** Who changed what, written in the transaction of the change itself. */
@Singleton
public final class AuditLog {

    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public void record(Tx tx, TenantId tenant, String action, String entityType, String entityKey, Object details)
            throws SQLException {
        try {
            tx.update("INSERT INTO audit_log (tenant_id, actor, action, entity_type, entity_key, details, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    tenant.value(), null, action, entityType, entityKey,
                    details == null ? null : json.writeValueAsString(details), clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
