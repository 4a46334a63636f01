package dev.psi.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Decides every request, before any other rule: health, metrics and OpenAPI are open (the
 * platform's probes and scrapers carry no token); the event endpoints need the internal
 * credential; {@code /api} needs a verified token with a tenant and a role the permission table
 * names (in local mode anyone may call {@code /api}); anything else is refused.
 */
@Singleton
final class AccessRule implements SecurityRule<HttpRequest<?>> {

    static final String TENANT_CLAIM = "tenant";
    private static final java.util.regex.Pattern TENANT = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    private final AuthSettings settings;
    private final InternalCredential internal;

    AccessRule(AuthSettings settings, InternalCredential internal) {
        this.settings = settings;
        this.internal = internal;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        return Mono.just(request == null ? SecurityRuleResult.REJECTED : decide(request, authentication));
    }

    SecurityRuleResult decide(HttpRequest<?> request, @Nullable Authentication authentication) {
        String path = request.getPath();
        return switch (Area.of(path)) {
            case OPEN -> SecurityRuleResult.ALLOWED;
            case INTERNAL -> internal.accepts(request) ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED;
            case API -> settings.local() && authentication == null ? SecurityRuleResult.ALLOWED
                    : api(request, path, authentication);
            case OTHER -> SecurityRuleResult.REJECTED;
        };
    }

    private static SecurityRuleResult api(HttpRequest<?> request, String path, @Nullable Authentication authentication) {
        var permission = Permissions.find(request.getMethodName(), path);
        if (permission.isEmpty() && RouteAttributes.getRouteMatch(request).isEmpty()) {
            // Nothing serves this path: let the router answer 404, as it would without security.
            return SecurityRuleResult.ALLOWED;
        }
        if (authentication == null || tenantOf(authentication).isEmpty()) {
            return SecurityRuleResult.REJECTED;
        }
        List<String> roles = List.copyOf(authentication.getRoles());
        return permission.filter(p -> p.allows(roles))
                .map(p -> SecurityRuleResult.ALLOWED).orElse(SecurityRuleResult.REJECTED);
    }

    /** The token's tenant, when it has one of the right shape. */
    static Optional<String> tenantOf(Authentication authentication) {
        return Optional.ofNullable(authentication.getAttributes().get(TENANT_CLAIM))
                .filter(String.class::isInstance).map(String.class::cast).filter(t -> TENANT.matcher(t).matches());
    }

    @Override
    public int getOrder() {
        return -1000;
    }

    /** Which rules a path falls under. */
    enum Area {
        OPEN, INTERNAL, API, OTHER;

        static Area of(String path) {
            if (path.equals("/health") || path.startsWith("/health/") || path.equals("/prometheus")
                    || path.startsWith("/openapi/")) {
                return OPEN;
            }
            if (path.equals("/events") || path.startsWith("/events/") || path.startsWith("/outbox/")) {
                return INTERNAL;
            }
            if (path.startsWith("/api/")) {
                return API;
            }
            return OTHER;
        }
    }
}
