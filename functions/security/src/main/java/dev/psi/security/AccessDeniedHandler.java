package dev.psi.security;

import dev.psi.contract.problem.ProblemType;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.stream.Collectors;

/** 401 (no valid token) and 403 (a token without the right role or tenant) as problem+json, never a redirect. */
@Produces
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class AccessDeniedHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private final Rejections rejections;

    AccessDeniedHandler(Rejections rejections) {
        this.rejections = rejections;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        String path = request.getPath();
        if (AccessRule.Area.of(path) == AccessRule.Area.INTERNAL) {
            return rejections.reject(request, ProblemType.FORBIDDEN, "internal-credential",
                    "this endpoint is for the event sources only", Map.of());
        }
        if (!exception.isForbidden()) {
            return rejections.reject(request, ProblemType.UNAUTHENTICATED, "unauthenticated",
                    "a valid bearer token is required (Authorization: Bearer <JWT>)", Map.of())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (AccessRule.tenantOf(exception.getAuthentication()).isEmpty()) {
            return rejections.reject(request, ProblemType.FORBIDDEN, "no-tenant",
                    "the token names no valid tenant (claim 'tenant')", Map.of());
        }
        String roles = Permissions.find(request.getMethodName(), path)
                .map(p -> p.roles().stream().sorted().map(Role::claim).collect(Collectors.joining(", ")))
                .orElse(null);
        return rejections.reject(request, ProblemType.FORBIDDEN, "forbidden",
                roles == null ? "no role may call " + request.getMethodName() + " " + path
                        : "this needs one of the roles: " + roles,
                roles == null ? Map.of() : Map.of("requiredRoles", roles.split(", ")));
    }
}
