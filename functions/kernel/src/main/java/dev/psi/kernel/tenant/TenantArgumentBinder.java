package dev.psi.kernel.tenant;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Resolves the tenant of a request: from the {@code X-Tenant-Id} header, else the configured
 * default ({@code PSI_DEFAULT_TENANT}) for local use. The authentication issue replaces the header
 * with the tenant claim of the verified token; controllers do not change.
 */
@Singleton
final class TenantArgumentBinder implements TypedRequestArgumentBinder<TenantId> {

    static final String HEADER = "X-Tenant-Id";

    private final String defaultTenant;

    TenantArgumentBinder(@Value("${psi.tenant.default}") String defaultTenant) {
        this.defaultTenant = defaultTenant;
    }

    @Override
    public Argument<TenantId> argumentType() {
        return Argument.of(TenantId.class);
    }

    @Override
    public BindingResult<TenantId> bind(ArgumentConversionContext<TenantId> context, HttpRequest<?> request) {
        String header = request.getHeaders().get(HEADER);
        var tenant = new TenantId(header == null || header.isBlank() ? defaultTenant : header.trim());
        return () -> Optional.of(tenant);
    }
}
