package dev.psi.kernel.web;

import dev.psi.contract.problem.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.MethodBasedRouteMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the binding of an {@code /api} request would let through silently, refused as a 400 naming it:
 * a query parameter the endpoint does not take ({@code ?stauts=PLACED} would otherwise list every
 * order). Everything else about a request is checked where it is bound ({@link BodyErrors},
 * {@link ListParams}, the DTOs' constraints). (Text after a JSON body is not caught yet: reading the
 * body in a filter as well as in the route breaks Micronaut's shared body buffer.)
 */
@ServerFilter("/api/**")
final class StrictRequests implements Ordered {

    @RequestFilter
    void check(HttpRequest<?> request) {
        var errors = new ArrayList<FieldError>();
        unknownParameters(request).forEach(name -> errors.add(new FieldError(name,
                "is not a parameter of this endpoint; it takes " + known(request))));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static List<String> unknownParameters(HttpRequest<?> request) {
        Set<String> known = queryValues(request);
        if (known == null) {
            return List.of();
        }
        return request.getParameters().names().stream().filter(name -> !known.contains(name)).sorted().toList();
    }

    private static String known(HttpRequest<?> request) {
        Set<String> known = queryValues(request);
        return known == null || known.isEmpty() ? "none" : String.join(", ", known);
    }

    /** The query parameters the matched endpoint binds, or null when no endpoint matched (a 404 follows). */
    @Nullable
    private static Set<String> queryValues(HttpRequest<?> request) {
        var match = RouteAttributes.getRouteMatch(request).orElse(null);
        if (!(match instanceof MethodBasedRouteMatch<?, ?> method)) {
            return null;
        }
        var names = new TreeSet<String>();
        for (Argument<?> argument : method.getArguments()) {
            if (argument.getAnnotationMetadata().hasAnnotation(QueryValue.class)) {
                names.add(argument.getAnnotationMetadata().stringValue(QueryValue.class).filter(n -> !n.isEmpty())
                        .orElse(argument.getName()));
            }
        }
        return names;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 10;
    }
}
