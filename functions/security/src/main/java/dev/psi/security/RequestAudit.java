package dev.psi.security;

import dev.psi.kernel.audit.AuditLog;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.tenant.TenantId;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import java.util.LinkedHashMap;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every successful state-changing {@code /api} request in the audit log: who, tenant, what
 * (method and path), when, and the answer's status and location, unless the function recorded the
 * change itself through {@link AuditLog} (in the transaction of the change, with the entity). So no
 * change goes unrecorded, whatever function made it, and none is recorded twice.
 */
@ServerFilter("/api/**")
final class RequestAudit implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(RequestAudit.class);
    private static final Set<HttpMethod> CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final AuditLog audit;
    private final Database database;

    RequestAudit(AuditLog audit, Database database) {
        this.audit = audit;
        this.database = database;
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void record(HttpRequest<?> request, HttpResponse<?> response) {
        int status = response.code();
        if (!CHANGING.contains(request.getMethod()) || status < 200 || status >= 300
                // recorded already, in the change's own transaction, with before and after
                || request.getAttribute(AuditLog.AUDITED).isPresent()
                // a replay of an idempotent create changed nothing
                || response.getHeaders().contains(IdempotentRequests.REPLAYED_HEADER)) {
            return;
        }
        var tenant = request.getUserPrincipal(Authentication.class).flatMap(AccessRule::tenantOf)
                .orElseGet(() -> request.getHeaders().get("X-Tenant-Id", String.class).orElse(null));
        if (tenant == null) {
            return;
        }
        var details = new LinkedHashMap<String, Object>();
        details.put("status", status);
        response.getHeaders().get(HttpHeaders.LOCATION, String.class).ifPresent(l -> details.put("location", l));
        request.getHeaders().get("Idempotency-Key", String.class).ifPresent(k -> details.put("idempotencyKey", k));
        String path = request.getPath();
        String[] parts = path.split("/", 4);
        String entityType = parts.length > 2 ? parts[2] : "api";
        String entityKey = path.length() > 128 ? path.substring(0, 128) : path;
        try {
            database.inTransaction(tx -> {
                audit.record(tx, new TenantId(tenant), request.getMethodName(), "request:" + entityType, entityKey, details);
                return null;
            });
        } catch (RuntimeException e) {
            // The change has committed already; a lost trail entry must not turn it into an error.
            LOG.warn("audit entry for {} {} not written: {}", request.getMethodName(), path, e.toString());
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
