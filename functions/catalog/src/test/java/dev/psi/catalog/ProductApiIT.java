package dev.psi.catalog;

import static dev.psi.testing.Fixtures.partnerRequest;
import static dev.psi.testing.Fixtures.productRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.catalog.Product;
import dev.psi.contract.common.Page;
import dev.psi.contract.problem.Problem;
import dev.psi.testing.Api;
import dev.psi.testing.Rows;
import dev.psi.testing.TenantTest;
import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Products through HTTP: create, read, update under optimistic locking, deactivate, list. */
@MicronautTest
class ProductApiIT extends TenantTest {

    @Test
    void shouldCreateProductWithLocationAndExactDecimals() {
        var body = productRequest().with("reorderPoint", new BigDecimal("12.3456"));

        var reply = api.post("/api/products", body.build());

        assertEquals(201, reply.status(), reply::toString);
        assertEquals("/api/products/" + body.key(), reply.header("Location"));
        assertEquals("\"0\"", reply.header("ETag"), "a new product is version 0");
        var product = reply.as(Product.class);
        assertEquals(body.key(), product.sku());
        assertEquals(body.build().get("name"), product.name());
        assertEquals("box", product.unit());
        assertEquals(body.build().get("barcode"), product.barcode());
        assertEquals("tea", product.category());
        assertEquals(0, new BigDecimal("8.40").compareTo(product.purchasePrice()), () -> "purchasePrice " + product.purchasePrice());
        assertEquals(0, new BigDecimal("12.50").compareTo(product.salePrice()), () -> "salePrice " + product.salePrice());
        assertEquals(0, new BigDecimal("12.3456").compareTo(product.reorderPoint()), () -> "reorderPoint " + product.reorderPoint());
        assertEquals(0, new BigDecimal("50").compareTo(product.reorderQuantity()), () -> "reorderQuantity " + product.reorderQuantity());
        assertNull(product.preferredSupplierCode());
        assertTrue(product.active());
        assertEquals(0, product.version());
        assertNotNull(product.createdAt());
        assertInstanceOf(Number.class, reply.json().get("salePrice"), "money is a JSON number");

        var row = Rows.one("SELECT name, purchase_price, sale_price, reorder_point, reorder_quantity, created_at"
                + " FROM products WHERE tenant_id = ? AND sku = ?", api.tenant(), body.key());
        assertEquals(body.build().get("name"), row.get("name"));
        assertEquals(new BigDecimal("8.40"), row.get("purchase_price"));
        assertEquals(new BigDecimal("12.50"), row.get("sale_price"));
        assertEquals(new BigDecimal("12.3456"), row.get("reorder_point"));
        assertEquals(new BigDecimal("50.0000"), row.get("reorder_quantity"));
        assertEquals(((LocalDateTime) row.get("created_at")).toInstant(ZoneOffset.UTC), product.createdAt());
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ? AND action = 'create'"
                + " AND entity_type = 'product' AND entity_key = ?", api.tenant(), body.key()));
    }

    @Test
    void shouldKeepAProductsOwnTaxRateAndNoneMeaningTheTenantsDefault() {
        var taxed = productRequest().with("taxRate", new BigDecimal("13.00"));
        var plain = productRequest();

        var reply = api.post("/api/products", taxed.build());
        var none = api.post("/api/products", plain.build());

        assertEquals(201, reply.status(), reply::toString);
        assertEquals(0, new BigDecimal("13").compareTo(reply.as(Product.class).taxRate()));
        assertEquals(new BigDecimal("13.00"), Rows.one("SELECT tax_rate FROM products WHERE tenant_id = ? AND sku = ?",
                api.tenant(), taxed.key()).get("tax_rate"));
        assertEquals(201, none.status(), none::toString);
        assertNull(none.as(Product.class).taxRate(), "no rate of its own: the tenant's default applies on orders");
        var changed = api.put("/api/products/" + taxed.key(), taxed.with("taxRate", new BigDecimal("5")).build(),
                "If-Match", "\"0\"");
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(0, new BigDecimal("5").compareTo(changed.as(Product.class).taxRate()));
    }

    @Test
    void shouldAcceptMoneyWrittenAsDecimalStrings() {
        var body = productRequest().with("purchasePrice", "3.05").with("salePrice", "19.90");

        var reply = api.post("/api/products", body.build());

        assertEquals(201, reply.status(), reply::toString);
        var row = Rows.one("SELECT purchase_price, sale_price FROM products WHERE tenant_id = ? AND sku = ?",
                api.tenant(), body.key());
        assertEquals(new BigDecimal("3.05"), row.get("purchase_price"));
        assertEquals(new BigDecimal("19.90"), row.get("sale_price"));
    }

    @Test
    void shouldKeepChineseNamesAndFourByteCharactersIntact() {
        var body = productRequest().with("name", "西湖龙井 明前特级 🍵").with("unit", "盒");

        var reply = api.post("/api/products", body.build());

        assertEquals(201, reply.status(), reply::toString);
        assertEquals("西湖龙井 明前特级 🍵", api.get("/api/products/" + body.key()).as(Product.class).name());
        assertEquals(Map.of("name", "西湖龙井 明前特级 🍵", "unit", "盒"), Rows.one(
                "SELECT name, unit FROM products WHERE tenant_id = ? AND sku = ?", api.tenant(), body.key()));
    }

    @Test
    void shouldGiveASkuWithASlashALocationThatLeadsBackToIt() {
        var body = productRequest().with("sku", "BOX/12");

        var created = api.post("/api/products", body.build());

        assertEquals(201, created.status(), created::toString);
        assertEquals("/api/products/BOX%2F12", created.header("Location"));
        var read = api.get(created.header("Location"));
        assertEquals(200, read.status(), read::toString);
        assertEquals("BOX/12", read.as(Product.class).sku());
    }

    @Test
    void shouldTreatEmptyOptionalFieldsAsAbsent() {
        var first = productRequest().with("barcode", "").with("category", "").with("preferredSupplierCode", "");
        var second = productRequest().with("barcode", "");

        var firstReply = api.post("/api/products", first.build());
        var secondReply = api.post("/api/products", second.build());

        assertEquals(201, firstReply.status(), firstReply::toString);
        assertEquals(201, secondReply.status(), "a second product without barcode is no duplicate: " + secondReply);
        assertNull(firstReply.as(Product.class).barcode());
        assertNull(firstReply.as(Product.class).preferredSupplierCode());
        assertEquals(2L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ? AND barcode IS NULL", api.tenant()));
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ? AND category IS NULL", api.tenant()));
    }

    @Test
    void shouldReturnProductWithEtagOfItsVersion() {
        var body = productRequest();
        api.post("/api/products", body.build());

        var reply = api.get("/api/products/" + body.key());

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("\"0\"", reply.header("ETag"));
        assertEquals(body.key(), reply.as(Product.class).sku());
    }

    @Test
    void shouldAnswerNotFoundProblemForUnknownSku() {
        var reply = api.get("/api/products/NO-SUCH-SKU");

        assertEquals(404, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals("urn:psi:problem:not-found", reply.as(Problem.class).type());
    }

    @Test
    void shouldUpdateWithIfMatchAndAnswerTheNewEtag() {
        var body = productRequest();
        api.post("/api/products", body.build());

        var reply = api.put("/api/products/" + body.key(),
                body.with("name", "Jasmine tea").with("salePrice", new BigDecimal("13.75")).build(), "If-Match", "\"0\"");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("\"1\"", reply.header("ETag"));
        var product = reply.as(Product.class);
        assertEquals("Jasmine tea", product.name());
        assertEquals(1, product.version());
        var row = Rows.one("SELECT name, sale_price, version FROM products WHERE tenant_id = ? AND sku = ?",
                api.tenant(), body.key());
        assertEquals(Map.of("name", "Jasmine tea", "sale_price", new BigDecimal("13.75"), "version", 1), row);
        assertEquals("\"1\"", api.get("/api/products/" + body.key()).header("ETag"));
    }

    @Test
    void shouldAcceptTheVersionInTheBodyInsteadOfIfMatch() {
        var body = productRequest();
        api.post("/api/products", body.build());

        var reply = api.put("/api/products/" + body.key(), body.with("name", "Oolong").with("version", 0).build());

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("Oolong", reply.as(Product.class).name());
    }

    @Test
    void shouldRefuseStaleIfMatchWith412AndLeaveTheRowUnchanged() {
        var body = productRequest();
        api.post("/api/products", body.build());
        api.put("/api/products/" + body.key(), body.with("name", "First edit").build(), "If-Match", "\"0\"");

        var reply = api.put("/api/products/" + body.key(), body.with("name", "Lost edit").build(), "If-Match", "\"0\"");

        assertEquals(412, reply.status(), reply::toString);
        assertEquals("urn:psi:problem:precondition-failed", reply.as(Problem.class).type());
        assertEquals("1", String.valueOf(reply.json().get("currentVersion")), reply::toString);
        var row = Rows.one("SELECT name, version FROM products WHERE tenant_id = ? AND sku = ?", api.tenant(), body.key());
        assertEquals(Map.of("name", "First edit", "version", 1), row);
    }

    @Test
    void shouldLetExactlyOneOfConcurrentUpdatesOfTheSameVersionWin() throws Exception {
        var body = productRequest();
        api.post("/api/products", body.build());
        int writers = 6;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(writers);
        try {
            var futures = new ArrayList<Future<Api.Response>>();
            for (int i = 0; i < writers; i++) {
                var edit = productRequest().with("sku", body.key()).with("name", "Edit " + i).build();
                futures.add(pool.submit(() -> {
                    start.await();
                    return api.put("/api/products/" + body.key(), edit, "If-Match", "\"0\"");
                }));
            }
            start.countDown();
            var statuses = new ArrayList<Integer>();
            String winner = null;
            for (var future : futures) {
                var reply = future.get(60, TimeUnit.SECONDS);
                statuses.add(reply.status());
                if (reply.status() == 200) {
                    winner = reply.as(Product.class).name();
                }
            }

            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
            assertEquals(writers - 1, statuses.stream().filter(s -> s == 412).count(), statuses::toString);
            assertEquals(Map.of("name", winner, "version", 1), Rows.one(
                    "SELECT name, version FROM products WHERE tenant_id = ? AND sku = ?", api.tenant(), body.key()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRequireIfMatchOrVersionWith428() {
        var body = productRequest();
        api.post("/api/products", body.build());

        var reply = api.put("/api/products/" + body.key(), body.with("name", "Blind edit").build());

        assertEquals(428, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals("urn:psi:problem:precondition-required", reply.as(Problem.class).type());
        var row = Rows.one("SELECT name, version FROM products WHERE tenant_id = ? AND sku = ?", api.tenant(), body.key());
        assertEquals(0, row.get("version"));
        assertFalse("Blind edit".equals(row.get("name")));
    }

    @Test
    void shouldRefuseToChangeTheSkuOnUpdate() {
        var body = productRequest();
        api.post("/api/products", body.build());
        String sku = body.key();

        var reply = api.put("/api/products/" + sku, body.with("sku", sku + "-X").build(), "If-Match", "\"0\"");

        assertEquals(400, reply.status(), reply::toString);
        assertEquals(List.of("sku"), reply.errorFields());
        assertEquals(0L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ? AND sku = ?", api.tenant(), sku + "-X"));
    }

    @Test
    void shouldDeactivateAndReactivateProduct() {
        var body = productRequest();
        api.post("/api/products", body.build());

        var deactivated = api.post("/api/products/" + body.key() + "/deactivate", Map.of(), "If-Match", "\"0\"");

        assertEquals(200, deactivated.status(), deactivated::toString);
        assertFalse(deactivated.as(Product.class).active());
        assertEquals("\"1\"", deactivated.header("ETag"));
        assertEquals(false, Rows.one("SELECT active FROM products WHERE tenant_id = ? AND sku = ?",
                api.tenant(), body.key()).get("active"));

        var activated = api.post("/api/products/" + body.key() + "/activate", Map.of());

        assertEquals(200, activated.status(), activated::toString);
        assertTrue(activated.as(Product.class).active());
        assertEquals(2, activated.as(Product.class).version());
    }

    @Test
    void shouldDeactivateOnDeleteAndKeepTheRow() {
        var body = productRequest();
        api.post("/api/products", body.build());

        var reply = api.delete("/api/products/" + body.key());

        assertEquals(204, reply.status(), reply::toString);
        var product = api.get("/api/products/" + body.key()).as(Product.class);
        assertFalse(product.active());
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ? AND sku = ? AND active = FALSE",
                api.tenant(), body.key()));
    }

    @Test
    void shouldRefuseDeactivationWithStaleIfMatch() {
        var body = productRequest();
        api.post("/api/products", body.build());
        api.post("/api/products/" + body.key() + "/deactivate", Map.of());

        var reply = api.post("/api/products/" + body.key() + "/activate", Map.of(), "If-Match", "\"0\"");

        assertEquals(412, reply.status(), reply::toString);
        assertEquals(false, Rows.one("SELECT active FROM products WHERE tenant_id = ? AND sku = ?",
                api.tenant(), body.key()).get("active"));
    }

    @Test
    void shouldRejectDuplicateSkuWithConflict() {
        var first = productRequest();
        api.post("/api/products", first.build());

        var reply = api.post("/api/products", productRequest().with("sku", first.key()).build());

        assertEquals(409, reply.status(), reply::toString);
        assertEquals("urn:psi:problem:duplicate", reply.as(Problem.class).type());
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ?", api.tenant()));
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ?", api.tenant()));
    }

    @Test
    void shouldRejectDuplicateBarcodeWithConflict() {
        var first = productRequest();
        api.post("/api/products", first.build());
        var second = productRequest().with("barcode", first.build().get("barcode"));

        var reply = api.post("/api/products", second.build());

        assertEquals(409, reply.status(), reply::toString);
        assertEquals("urn:psi:problem:duplicate", reply.as(Problem.class).type());
        assertTrue(reply.as(Problem.class).detail().contains((String) first.build().get("barcode")), reply::toString);
        assertEquals(0L, Rows.count("SELECT COUNT(*) FROM products WHERE tenant_id = ? AND sku = ?", api.tenant(), second.key()));
    }

    @Test
    void shouldRejectUpdateTakingAnotherProductsBarcodeWithConflict() {
        var first = productRequest();
        var second = productRequest();
        api.post("/api/products", first.build());
        api.post("/api/products", second.build());

        var reply = api.put("/api/products/" + second.key(), second.with("barcode", first.build().get("barcode")).build(),
                "If-Match", "\"0\"");

        assertEquals(409, reply.status(), reply::toString);
        assertEquals(0, Rows.one("SELECT version FROM products WHERE tenant_id = ? AND sku = ?",
                api.tenant(), second.key()).get("version"));
    }

    @Test
    void shouldStoreThePreferredSupplierByItsCode() {
        var supplier = partnerRequest();
        api.post("/api/suppliers", supplier.build());
        var body = productRequest().with("preferredSupplierCode", supplier.key());

        var reply = api.post("/api/products", body.build());

        assertEquals(201, reply.status(), reply::toString);
        assertEquals(supplier.key(), reply.as(Product.class).preferredSupplierCode());
        assertEquals(1L, Rows.count("SELECT COUNT(*) FROM products p JOIN suppliers s ON s.id = p.preferred_supplier_id"
                + " WHERE p.tenant_id = ? AND p.sku = ? AND s.code = ?", api.tenant(), body.key(), supplier.key()));
    }

    @Test
    void shouldPageThroughProductsWithTotals() {
        for (int i = 0; i < 5; i++) {
            api.post("/api/products", productRequest().build());
        }

        var skus = new HashSet<String>();
        int[] expectedSizes = {2, 2, 1};
        for (int page = 0; page < 3; page++) {
            var reply = api.get("/api/products?size=2&page=" + page);
            assertEquals(200, reply.status(), reply::toString);
            var result = page(reply);
            assertEquals(expectedSizes[page], result.items().size(), "items on page " + page);
            assertEquals(5, result.totalItems());
            assertEquals(3, result.totalPages());
            assertEquals(page, result.page());
            result.items().forEach(p -> skus.add(p.sku()));
        }
        assertEquals(5, skus.size(), "every product on exactly one page");
        assertTrue(page(api.get("/api/products?size=2&page=3")).items().isEmpty());
    }

    @Test
    void shouldRejectPageParametersOutOfRange() {
        var tooBig = api.get("/api/products?size=201");
        var negative = api.get("/api/products?page=-1&size=0");

        assertEquals(400, tooBig.status(), tooBig::toString);
        assertEquals(List.of("size"), tooBig.errorFields());
        assertEquals(400, negative.status(), negative::toString);
        assertEquals(List.of("page", "size"), negative.errorFields());
    }

    @Test
    void shouldFilterByCategoryActiveSupplierAndBarcode() {
        var supplier = partnerRequest();
        api.post("/api/suppliers", supplier.build());
        var greenTea = productRequest().with("category", "tea");
        var blackTea = productRequest().with("category", "tea");
        var coffee = productRequest().with("category", "coffee").with("preferredSupplierCode", supplier.key());
        api.post("/api/products", greenTea.build());
        api.post("/api/products", blackTea.build());
        api.post("/api/products", coffee.build());
        api.post("/api/products/" + blackTea.key() + "/deactivate", Map.of());

        assertEquals(List.of(greenTea.key(), blackTea.key()), skus("/api/products?category=tea&sort=createdAt"));
        assertEquals(List.of(greenTea.key()), skus("/api/products?category=tea&active=true"));
        assertEquals(List.of(blackTea.key()), skus("/api/products?active=false"));
        assertEquals(List.of(coffee.key()), skus("/api/products?supplierCode=" + supplier.key()));
        assertEquals(List.of(blackTea.key()), skus("/api/products?barcode=" + blackTea.build().get("barcode")));
    }

    @Test
    void shouldSearchCaseInsensitivelyInSkuNameAndBarcode() {
        var jasmine = productRequest().with("name", "Jasmine Pearl Tea");
        var puer = productRequest().with("name", "Pu'er 2015").with("barcode", "4711-PUER");
        api.post("/api/products", jasmine.build());
        api.post("/api/products", puer.build());

        assertEquals(List.of(jasmine.key()), skus("/api/products?q=pearl"));
        assertEquals(List.of(puer.key()), skus("/api/products?q=4711"));
        assertEquals(List.of(puer.key()), skus("/api/products?q=" + puer.key().toLowerCase()));
        assertEquals(List.of(), skus("/api/products?q=no-such-thing"));
    }

    @Test
    void shouldSortByNameAndCreationTimeEitherWay() {
        var banana = productRequest().with("name", "Banana chips");
        var apple = productRequest().with("name", "Apple juice");
        var cherry = productRequest().with("name", "Cherry jam");
        for (var body : List.of(banana, apple, cherry)) {
            assertEquals(201, api.post("/api/products", body.build()).status());
        }

        assertEquals(List.of(apple.key(), banana.key(), cherry.key()), skus("/api/products?sort=name"));
        assertEquals(List.of(cherry.key(), banana.key(), apple.key()), skus("/api/products?sort=-name"));
        assertEquals(List.of(cherry.key(), apple.key(), banana.key()), skus("/api/products?sort=-createdAt"));
    }

    @Test
    void shouldSearchForWildcardCharactersLiterally() {
        var half = productRequest().with("name", "Tea 50% off");
        var fiveHundred = productRequest().with("name", "Tea 500 g");
        var underscore = productRequest().with("name", "Tea_bags");
        for (var body : List.of(half, fiveHundred, underscore)) {
            api.post("/api/products", body.build());
        }

        assertEquals(List.of(half.key()), skus("/api/products?q=50%25"));
        assertEquals(List.of(underscore.key()), skus("/api/products?q=a_b"));
    }

    @Test
    void shouldSortBySalePrice() {
        var dear = productRequest().with("salePrice", new BigDecimal("100.00"));
        var cheap = productRequest().with("salePrice", new BigDecimal("9.99"));
        var middle = productRequest().with("salePrice", new BigDecimal("10.00"));
        for (var body : List.of(dear, cheap, middle)) {
            api.post("/api/products", body.build());
        }

        assertEquals(List.of(cheap.key(), middle.key(), dear.key()), skus("/api/products?sort=salePrice"));
    }

    @Test
    void shouldRejectANonNumericPageNamingTheParameter() {
        var reply = api.get("/api/products?page=first");

        assertEquals(400, reply.status(), reply::toString);
        assertEquals(List.of("page"), reply.errorFields());
    }

    @Test
    void shouldRejectAnUnknownSortField() {
        var reply = api.get("/api/products?sort=colour");

        assertEquals(400, reply.status(), reply::toString);
        assertEquals(List.of("sort"), reply.errorFields());
    }

    private List<String> skus(String path) {
        var reply = api.get(path);
        assertEquals(200, reply.status(), reply::toString);
        return page(reply).items().stream().map(Product::sku).toList();
    }

    private static Page<Product> page(Api.Response reply) {
        return reply.read(Argument.of(Page.class, Product.class));
    }
}
