package dev.psi.security;

import dev.psi.kernel.tenant.TenantSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The tenant of a request is the {@code tenant} claim of its verified token. */
@Singleton
final class ClaimsTenant implements TenantSource {

    @Override
    public Optional<String> tenantOf(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class).flatMap(AccessRule::tenantOf);
    }
}
