package dev.psi.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Api;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The screenshots in the README (docs/screenshots/), taken from a small demo business in the same
 * headless Chromium: {@code ./mvnw -pl console verify -Dit.test=ConsoleScreenshotsIT -Dpsi.screenshots=$PWD/docs/screenshots}.
 */
@EnabledIfSystemProperty(named = "psi.screenshots", matches = ".+")
class ConsoleScreenshotsIT {

    static final String TENANT = "acme";
    static final String DASHBOARD_READY = "[data-card='stock-value'] .value, [data-card='low-stock'], #chart-value svg, #chart-status svg, #recent .events li";

    @Test
    void shouldPictureTheMainScreens() throws IOException {
        var missing = Browser.missing();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "screenshots skipped: " + missing.orElseThrow());
        Path out = Path.of(System.getProperty("psi.screenshots"));
        Files.createDirectories(out);
        var running = RunningConsole.get();
        var api = running.api(TENANT);
        String sold = seed(api);

        ChromeDriver browser = Browser.start("en");
        try {
            var wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100));
            shoot(browser, wait, running.uri() + "", "#devtoken-submit", out.resolve("signin.png"));
            browser.executeScript("sessionStorage.setItem('psi.console.token', arguments[0])",
                    dev.psi.testing.TestTokens.token(running.secret(), TENANT, "li.ming", List.of("admin"), Duration.ofHours(1)));
            browser.executeScript("localStorage.setItem('psi.console.settings', JSON.stringify({tenant: arguments[0], lang: 'en', currency: 'CNY'}))", TENANT);

            shoot(browser, wait, running.uri() + "", DASHBOARD_READY, out.resolve("dashboard.png"));
            shoot(browser, wait, running.uri() + "products", "tr[data-key='APL-001']", out.resolve("products.png"));
            shoot(browser, wait, running.uri() + "inventory?tab=ledger&sku=APL-001", "tr[data-type='ISSUE']", out.resolve("inventory-ledger.png"));
            shoot(browser, wait, running.uri() + "inventory?tab=valuation", ".chart svg", out.resolve("inventory-valuation.png"));

            browser.get(running.uri() + "products");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("new-products"))).click();
            browser.findElement(By.id("form-products-sku")).sendKeys("apple 2");
            browser.findElement(By.id("form-products-unit")).sendKeys("kg");
            browser.findElement(By.id("form-products-salePrice")).sendKeys("3.999");
            browser.findElement(By.id("form-products-submit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("form-products-sku-error"), "must"));
            save(browser, out.resolve("validation-error.png"));

            browser.executeScript("localStorage.setItem('psi.console.settings', JSON.stringify({tenant: arguments[0], lang: 'zh-CN', currency: 'CNY'}))", TENANT);
            shoot(browser, wait, running.uri() + "sales-orders", "tr[data-key='" + sold + "'][data-status='SHIPPED']", out.resolve("sales-orders-zh.png"));
            browser.manage().window().setSize(new Dimension(820, 1100));
            shoot(browser, wait, running.uri() + "", DASHBOARD_READY, out.resolve("dashboard-tablet-zh.png"));
        } finally {
            browser.quit();
        }
        for (String name : List.of("signin", "dashboard", "products", "inventory-ledger", "validation-error", "sales-orders-zh")) {
            assertTrue(Files.size(out.resolve(name + ".png")) > 10_000, name);
        }
    }

    /** Loads {@code url}, waits until the {@code ready} CSS selector (a comma-separated list: every part) is present, and saves it. */
    private static void shoot(ChromeDriver browser, WebDriverWait wait, String url, String ready, Path file) throws IOException {
        browser.get(url);
        for (String part : ready.split(",")) {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(part.strip())));
        }
        save(browser, file);
    }

    private static void save(ChromeDriver browser, Path file) throws IOException {
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    }

    /** A small fruit wholesaler: two warehouses, six products, purchases, sales in every state. Answers a shipped order. */
    private static String seed(Api api) {
        created(api.post("/api/warehouses", Map.of("code", "WH1", "name", "Main warehouse (Shanghai)")));
        created(api.post("/api/warehouses", Map.of("code", "WH2", "name", "North depot (Beijing)")));
        created(api.post("/api/suppliers", Map.of("code", "S001", "name", "Acme Fruit Co.", "email", "sales@acme-fruit.example")));
        created(api.post("/api/suppliers", Map.of("code", "S002", "name", "Green Valley Farms")));
        created(api.post("/api/customers", Map.of("code", "C001", "name", "Li Ming Trading", "phone", "+86 21 5555 0101")));
        created(api.post("/api/customers", Map.of("code", "C002", "name", "Harbour Grocers")));
        product(api, "APL-001", "Apple", "kg", "fruit", "2.40", "3.90", "20", "S001");
        product(api, "BAN-001", "Banana", "kg", "fruit", "1.10", "1.90", "30", "S002");
        product(api, "ORG-001", "Orange", "kg", "citrus", "1.80", "2.90", "25", "S001");
        product(api, "PEA-001", "Pear", "kg", "fruit", "2.00", "3.20", "15", "S002");
        product(api, "KIW-001", "Kiwi", "pcs", "exotic", "0.40", "0.80", "100", "S001");
        product(api, "GRP-001", "Grapes", "kg", "fruit", "4.50", "7.90", "10", "S002");
        adjust(api, "WH1", "APL-001", "120", "2.40");
        adjust(api, "WH1", "BAN-001", "25", "1.10");
        adjust(api, "WH1", "ORG-001", "80", "1.80");
        adjust(api, "WH2", "APL-001", "40", "2.30");
        adjust(api, "WH2", "PEA-001", "12", "2.00");
        adjust(api, "WH2", "KIW-001", "400", "0.40");
        adjust(api, "WH1", "GRP-001", "30", "4.50");

        String po = api.post("/api/purchase-orders", Map.of("supplierCode", "S001", "warehouseCode", "WH1", "expectedDate", "2026-12-10",
                "lines", List.of(Map.of("sku", "APL-001", "quantity", 100, "unitPrice", 2.10), Map.of("sku", "KIW-001", "quantity", 200, "unitPrice", 0.38)))).text("number");
        accepted(api.post("/api/purchase-orders/" + po + "/receipts", Map.of("lines", List.of(Map.of("sku", "APL-001", "quantity", 60)))));
        api.post("/api/purchase-orders", Map.of("supplierCode", "S002", "warehouseCode", "WH2",
                "lines", List.of(Map.of("sku", "PEA-001", "quantity", 50, "unitPrice", 1.95))));

        String shipped = sale(api, "C001", "WH1", "APL-001", "30");
        awaitStatus(api, shipped, "CONFIRMED");
        accepted(api.post("/api/sales-orders/" + shipped + "/shipments", Map.of()));
        String partly = sale(api, "C002", "WH1", "ORG-001", "20");
        awaitStatus(api, partly, "CONFIRMED");
        accepted(api.post("/api/sales-orders/" + partly + "/shipments", Map.of("lines", List.of(Map.of("sku", "ORG-001", "quantity", 8)))));
        sale(api, "C002", "WH1", "BAN-001", "500");
        sale(api, "C001", "WH2", "KIW-001", "120");
        sale(api, "C001", "WH1", "GRP-001", "24");
        awaitStatus(api, shipped, "SHIPPED");
        return shipped;
    }

    private static void product(Api api, String sku, String name, String unit, String category, String purchase, String sale,
                                String reorderPoint, String supplier) {
        created(api.post("/api/products", Map.of("sku", sku, "name", name, "unit", unit, "category", category,
                "purchasePrice", new BigDecimal(purchase), "salePrice", new BigDecimal(sale), "reorderPoint", new BigDecimal(reorderPoint),
                "reorderQuantity", new BigDecimal(reorderPoint).multiply(BigDecimal.valueOf(4)), "preferredSupplierCode", supplier)));
    }

    private static void adjust(Api api, String warehouse, String sku, String quantity, String unitCost) {
        created(api.post("/api/stock/adjustments", Map.of("warehouseCode", warehouse, "sku", sku, "quantity", new BigDecimal(quantity),
                "reason", "OPENING_BALANCE", "unitCost", new BigDecimal(unitCost))));
    }

    private static String sale(Api api, String customer, String warehouse, String sku, String quantity) {
        var response = api.post("/api/sales-orders", Map.of("customerCode", customer, "warehouseCode", warehouse,
                "lines", List.of(Map.of("sku", sku, "quantity", new BigDecimal(quantity)))));
        created(response);
        return response.text("number");
    }

    private static void awaitStatus(Api api, String number, String status) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(api.get("/api/sales-orders/" + number).text("status")));
    }

    private static void created(Api.Response response) {
        assertEquals(201, response.status(), response.body());
    }

    private static void accepted(Api.Response response) {
        assertEquals(202, response.status(), response.body());
    }
}
