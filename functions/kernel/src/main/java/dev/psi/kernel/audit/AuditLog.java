package dev.psi.kernel.audit;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Who changed what, written in the transaction of the change itself. The actor is the caller's
 * principal (the token's subject) when the change runs for an HTTP request, else the system.
 */
@Singleton
public final class AuditLog {

    /** Set on a request whose change this log has recorded, so that a request-level trail need not repeat it. */
    public static final String AUDITED = "psi.audited";

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
                    tenant.value(), actor(), action, entityType, entityKey,
                    details == null ? null : json.writeValueAsString(details), clock.instant());
            ServerRequestContext.currentRequest().ifPresent(request -> request.setAttribute(AUDITED, Boolean.TRUE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The principal of the request being served, if any; events and sweeps act as the system. */
    public static String actor() {
        return ServerRequestContext.currentRequest().flatMap(HttpRequest::getUserPrincipal)
                .map(Principal::getName).map(name -> name.length() > 100 ? name.substring(0, 100) : name)
                .orElse(null);
    }
}
