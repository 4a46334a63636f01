package dev.psi.kernel.tenant;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Resolves the tenant of a request: from the {@link TenantSource} (the verified token's claim),
 * else the {@code X-Tenant-Id} header, else the configured default ({@code PSI_DEFAULT_TENANT}).
 * The header and the default only count where the security rules let a request through without a
 * token: local mode, and the internal endpoints.
 */
@Singleton
final class TenantArgumentBinder implements TypedRequestArgumentBinder<TenantId> {

    static final String HEADER = "X-Tenant-Id";

    private final String defaultTenant;
    private final TenantSource source;

    TenantArgumentBinder(@Value("${psi.tenant.default}") String defaultTenant, @Nullable TenantSource source) {
        this.defaultTenant = defaultTenant;
        this.source = source;
    }

    @Override
    public Argument<TenantId> argumentType() {
        return Argument.of(TenantId.class);
    }

    @Override
    public BindingResult<TenantId> bind(ArgumentConversionContext<TenantId> context, HttpRequest<?> request) {
        var claimed = source == null ? Optional.<String>empty() : source.tenantOf(request);
        String header = request.getHeaders().get(HEADER);
        var tenant = new TenantId(claimed.orElse(header == null || header.isBlank() ? defaultTenant : header.trim()));
        return () -> Optional.of(tenant);
    }
}
