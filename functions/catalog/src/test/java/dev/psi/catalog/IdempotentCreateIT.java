package dev.psi.catalog;

import static dev.psi.testing.Fixtures.productRequest;
import static dev.psi.testing.Fixtures.warehouseRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.psi.contract.catalog.Product;
import dev.psi.contract.problem.Problem;
import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.Rows;
import dev.psi.testing.TenantTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on creating requests: a repeat returns the first result and creates nothing. */
@MicronautTest
class IdempotentCreateIT extends TenantTest {

    private static final String KEY = "Idempotency-Key";

    @Test
    void shouldReplayTheFirstResponseForARepeatedKey() {
        var body = productRequest().build();
        String key = UUID.randomUUID().toString();

        var first = api.post("/api/products", body, KEY, key);
        var repeat = api.post("/api/products", body, KEY, key);

        assertEquals(201, first.status(), first::toString);
        assertNull(first.header("Idempotent-Replayed"));
        assertEquals(201, repeat.status(), repeat::toString);
        assertEquals("true", repeat.header("Idempotent-Replayed"));
        assertEquals(first.header("Location"), repeat.header("Location"));
        assertEquals(first.json(), repeat.json());
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ?", api.tenant()));
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ?", api.tenant()));
        assertEquals(201, Rows.one("SELECT response_status FROM idempotency_keys WHERE tenant_id = ? AND idempotency_key = ?",
                api.tenant(), key).get("response_status"));
    }

    @Test
    void shouldReplayTheFirstResponseEvenAfterTheProductChanged() {
        var body = productRequest();
        String key = UUID.randomUUID().toString();
        api.post("/api/products", body.build(), KEY, key);
        api.put("/api/products/" + body.key(), productRequest().with("sku", body.key()).with("name", "Renamed").build(),
                "If-Match", "\"0\"");

        var repeat = api.post("/api/products", body.build(), KEY, key);

        assertEquals(201, repeat.status(), repeat::toString);
        assertEquals(0, repeat.as(Product.class).version(), "the first result, not the current state");
        assertEquals(body.build().get("name"), repeat.as(Product.class).name());
    }

    @Test
    void shouldCreateExactlyOneProductWhenEightRequestsRaceWithTheSameKey() throws Exception {
        var body = productRequest().build();
        String key = UUID.randomUUID().toString();
        int threads = 8;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<Future<Api.Response>>();
            for (int i = 0; i < threads; i++) {
                Callable<Api.Response> call = () -> {
                    start.await();
                    return api.post("/api/products", body, KEY, key);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            var replies = new ArrayList<Api.Response>();
            for (var future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }

            assertEquals(List.of(201, 201, 201, 201, 201, 201, 201, 201),
                    replies.stream().map(Api.Response::status).toList(), replies::toString);
            assertEquals(threads - 1, replies.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed"))).count(),
                    "every request but one is a replay");
            assertEquals(1, replies.stream().map(Api.Response::json).distinct().count(), "one answer for all");
            assertEquals(1L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ?", api.tenant()));
            assertEquals(1L, Rows.count("SELECT COUNT(*) FROM idempotency_keys WHERE tenant_id = ?", api.tenant()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseTheSameKeyWithADifferentBodyWith422() {
        var body = productRequest();
        String key = UUID.randomUUID().toString();
        api.post("/api/products", body.build(), KEY, key);

        var reply = api.post("/api/products", body.with("name", "Something else").build(), KEY, key);

        assertEquals(422, reply.status(), reply::toString);
        assertEquals("urn:psi:problem:idempotency-key-reused", reply.as(Problem.class).type());
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ?", api.tenant()));
        assertEquals(0L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ? AND name = 'Something else'", api.tenant()));
    }

    @Test
    void shouldNotKeepTheKeyOfARequestThatFailed() {
        var body = productRequest().with("preferredSupplierCode", "NOT-YET-THERE");
        String key = UUID.randomUUID().toString();
        var failed = api.post("/api/products", body.build(), KEY, key);
        assertEquals(400, failed.status(), failed::toString);

        var retried = api.post("/api/products", body.without("preferredSupplierCode").build(), KEY, key);

        assertEquals(201, retried.status(), retried::toString);
        assertNull(retried.header("Idempotent-Replayed"));
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ?", api.tenant()));
    }

    @Test
    void shouldScopeKeysToTheirTenantAndResource() {
        String key = UUID.randomUUID().toString();
        var product = productRequest();
        var otherTenant = api.as(Fixtures.newTenant());

        var mine = api.post("/api/products", product.build(), KEY, key);
        var theirs = otherTenant.post("/api/products", product.build(), KEY, key);
        var warehouse = api.post("/api/warehouses", warehouseRequest().build(), KEY, key);

        assertEquals(List.of(201, 201, 201), List.of(mine.status(), theirs.status(), warehouse.status()));
        assertNull(theirs.header("Idempotent-Replayed"));
        assertNull(warehouse.header("Idempotent-Replayed"));
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ?", otherTenant.tenant()));
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM warehouses WHERE tenant_id = ?", api.tenant()));
    }

    @Test
    void shouldRejectAKeyThatIsTooLong() {
        var reply = api.post("/api/products", productRequest().build(), KEY, "k".repeat(201));

        assertEquals(400, reply.status(), reply::toString);
        assertEquals(List.of(KEY), reply.errorFields());
        assertEquals(0L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ?", api.tenant()));
    }
}
