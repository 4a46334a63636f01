package dev.psi.security;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;
import java.util.Map;

/**
 * The security configuration every function shares, mapped from the environment, below a
 * function's function.properties and the environment itself (as the kernel's defaults are).
 */
@ContextConfigurer
public final class SecurityDefaults implements ApplicationContextConfigurer {

    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            // jwt: every /api request needs a bearer token; local: X-Tenant-Id and no token (one laptop only)
            Map.entry("psi.auth.mode", "${PSI_AUTH_MODE:jwt}"),
            // HS256 key (at least 32 characters) for local and development tokens, and/or the cluster's JWKS
            Map.entry("psi.auth.jwt-secret", "${PSI_JWT_SECRET:}"),
            Map.entry("psi.auth.jwks-url", "${PSI_JWKS_URL:}"),
            // the event sources' credential for /events, dead letters and /outbox/sweep, and/or their networks
            Map.entry("psi.auth.internal-token", "${PSI_INTERNAL_TOKEN:}"),
            Map.entry("psi.auth.internal-networks", "${PSI_INTERNAL_NETWORKS:}"),
            // in the cluster: Knative Eventing's OIDC token of each source, for this function's audience
            Map.entry("psi.auth.internal-oidc.jwks-url", "${PSI_INTERNAL_OIDC_JWKS_URL:}"),
            Map.entry("psi.auth.internal-oidc.audience", "${PSI_INTERNAL_OIDC_AUDIENCE:}"),
            Map.entry("psi.auth.internal-oidc.issuer", "${PSI_INTERNAL_OIDC_ISSUER:}"),
            // requests per minute per tenant and client; Redis-wide, per instance while Redis is away
            Map.entry("psi.limits.requests-per-minute", "${PSI_RATE_LIMIT_PER_MINUTE:1200}"),
            Map.entry("micronaut.server.max-request-size", "${PSI_MAX_REQUEST_SIZE:1048576}"),
            Map.entry("micronaut.security.redirect.enabled", "false"),
            Map.entry("micronaut.security.token.jwt.enabled", "true"),
            Map.entry("micronaut.security.token.roles-name", "roles"));

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(PropertySource.of("psi-security-defaults", DEFAULTS, -1000));
    }
}
