package dev.psi.kernel.tenant;

import io.micronaut.http.HttpRequest;
import java.util.Optional;

/**
 * Where a request's tenant comes from when it is not the {@code X-Tenant-Id} header: the security
 * module answers with the tenant claim of the verified token. Without one (local mode, or a
 * request the token rules do not cover) the header, then the configured default, is used.
 */
public interface TenantSource {

    Optional<String> tenantOf(HttpRequest<?> request);
}
