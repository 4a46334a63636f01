package dev.psi.catalog;

import static dev.psi.testing.Fixtures.partnerRequest;
import static dev.psi.testing.Fixtures.productRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.problem.Problem;
import dev.psi.testing.Api;
import dev.psi.testing.Fixtures.Body;
import dev.psi.testing.Rows;
import dev.psi.testing.TenantTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bad request is answered 400 application/problem+json naming the fields, and changes nothing:
 * no product, no audit entry, no idempotency key (each request carries one, so that a stored key
 * would show).
 */
@MicronautTest
class ProductValidationIT extends TenantTest {

    @BeforeEach
    void somethingToLeaveAlone() {
        // Something to leave alone: a bad request must not disturb what is there.
        assertEquals(201, api.post("/api/products", productRequest().build()).status());
    }

    @Test
    void shouldRejectBlankSku() {
        assertRejected(productRequest().with("sku", "  "), List.of("sku"));
    }

    @Test
    void shouldRejectMissingNameAndUnitListingBoth() {
        assertRejected(productRequest().without("name").with("unit", ""), List.of("name", "unit"));
    }

    @Test
    void shouldRejectSkuWithSpaces() {
        assertRejected(productRequest().with("sku", "GREEN TEA"), List.of("sku"));
    }

    @Test
    void shouldRejectNegativePrice() {
        assertRejected(productRequest().with("salePrice", new BigDecimal("-0.01")), List.of("salePrice"));
    }

    @Test
    void shouldRejectATaxRateOutsideZeroToHundred() {
        assertRejected(productRequest().with("taxRate", new BigDecimal("100.01")), List.of("taxRate"));
        assertRejected(productRequest().with("taxRate", new BigDecimal("-1")), List.of("taxRate"));
    }

    @Test
    void shouldRejectPriceWithMoreThanTwoDecimals() {
        assertRejected(productRequest().with("purchasePrice", new BigDecimal("1.234")), List.of("purchasePrice"));
    }

    @Test
    void shouldRejectReorderPointWithMoreThanFourDecimals() {
        assertRejected(productRequest().with("reorderPoint", new BigDecimal("1.23456")), List.of("reorderPoint"));
    }

    @Test
    void shouldRejectUnknownPreferredSupplier() {
        assertRejected(productRequest().with("preferredSupplierCode", "NO-SUCH-SUPPLIER"), List.of("preferredSupplierCode"));
    }

    @Test
    void shouldRejectInactivePreferredSupplier() {
        var supplier = partnerRequest();
        api.post("/api/suppliers", supplier.build());
        api.post("/api/suppliers/" + supplier.key() + "/deactivate", Map.of());

        assertRejected(productRequest().with("preferredSupplierCode", supplier.key()), List.of("preferredSupplierCode"));
    }

    @Test
    void shouldRejectMalformedJsonWithProblem() {
        var before = Rows.footprint(api.tenant());

        var reply = api.post("/api/products", "{\"sku\": \"A-1\", \"name\": ", "Content-Type", "application/json",
                "Idempotency-Key", aKey());

        assertEquals(400, reply.status(), reply::toString);
        assertProblemJson(reply);
        assertEquals("urn:psi:problem:malformed", reply.as(Problem.class).type());
        assertEquals(before, Rows.footprint(api.tenant()));
    }

    @Test
    void shouldRejectTextAfterTheJsonValueAndStoreNothing() {
        var before = Rows.footprint(api.tenant());
        String valid = Api.write(productRequest().build());

        for (String body : List.of(valid + "}", valid + " " + valid, valid + "\n garbage")) {
            var reply = api.post("/api/products", body, "Content-Type", "application/json", "Idempotency-Key", aKey());

            assertEquals(400, reply.status(), reply::toString);
            assertProblemJson(reply);
            assertEquals("urn:psi:problem:malformed", reply.as(Problem.class).type());
            assertTrue(reply.as(Problem.class).detail().contains("one JSON value"), reply::toString);
        }
        assertEquals(before, Rows.footprint(api.tenant()));
        var spaced = api.post("/api/products", valid + " \n", "Content-Type", "application/json", "Idempotency-Key", aKey());
        assertEquals(201, spaced.status(), "whitespace after the value is fine: " + spaced);
    }

    @Test
    void shouldRejectTextForANumberWithProblem() {
        var before = Rows.footprint(api.tenant());

        var reply = api.post("/api/products", productRequest().with("salePrice", "twelve").build(), "Idempotency-Key", aKey());

        assertEquals(400, reply.status(), reply::toString);
        assertProblemJson(reply);
        assertEquals(before, Rows.footprint(api.tenant()));
    }

    @Test
    void shouldRejectABodyThatIsNotJson() {
        var before = Rows.footprint(api.tenant());

        var reply = api.post("/api/products", "sku=A-1", "Content-Type", "text/plain", "Idempotency-Key", aKey());

        assertEquals(415, reply.status(), reply::toString);
        assertProblemJson(reply);
        assertEquals(before, Rows.footprint(api.tenant()));
    }

    @Test
    void shouldAnswerUnknownRouteWithNotFoundProblem() {
        var reply = api.get("/api/no-such-resource");

        assertEquals(404, reply.status(), reply::toString);
        assertProblemJson(reply);
        assertEquals("urn:psi:problem:not-found", reply.as(Problem.class).type());
    }

    @Test
    void shouldAnswerUnsupportedMethodWithProblem() {
        var reply = api.delete("/api/products");

        assertEquals(405, reply.status(), reply::toString);
        assertProblemJson(reply);
        assertEquals("urn:psi:problem:method-not-allowed", reply.as(Problem.class).type());
    }

    private void assertRejected(Body body, List<String> fields) {
        var before = Rows.footprint(api.tenant());

        var reply = api.post("/api/products", body.build(), "Idempotency-Key", aKey());

        assertEquals(400, reply.status(), reply::toString);
        assertProblemJson(reply);
        assertEquals("urn:psi:problem:validation", reply.as(Problem.class).type());
        assertEquals(fields, reply.errorFields().stream().distinct().sorted().toList(), reply::toString);
        assertTrue(reply.as(Problem.class).errors().stream().allMatch(e -> e.message() != null && !e.message().isBlank()));
        assertEquals(before, Rows.footprint(api.tenant()), "a bad request changes nothing");
    }

    private static void assertProblemJson(Api.Response reply) {
        assertTrue(reply.contentType() != null && reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals(reply.status(), reply.as(Problem.class).status());
    }

    private static String aKey() {
        return UUID.randomUUID().toString();
    }
}
