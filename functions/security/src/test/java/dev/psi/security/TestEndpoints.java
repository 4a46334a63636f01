package dev.psi.security;

import dev.psi.kernel.tenant.TenantId;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.net.URI;
import java.util.Map;

/** Stand-ins for a function's endpoints, at paths of the permission table. */
@Controller("/api")
class TestEndpoints {

    @Get("/inventory/tenant")
    Map<String, String> tenant(TenantId tenant) {
        return Map.of("tenant", tenant.value());
    }

    /** Routed, but in no row of the permission table. */
    @Get("/unlisted")
    Map<String, String> unlisted() {
        return Map.of();
    }

    @Post("/stock/adjustments")
    HttpResponse<Map<String, Object>> adjust(TenantId tenant, @Body Map<String, Object> body) {
        return HttpResponse.created(Map.<String, Object>of("tenant", tenant.value()), URI.create("/api/stock/adjustments/ADJ-1"));
    }
}
