package dev.psi.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.TestTokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A clerk's day in a real headless Chromium against the running system (functions as processes,
 * Kafka, the dispatcher, the console behind a front door): a product is created, bought in through a
 * purchase order, sold, confirmed by stock-adjust (seen without a reload), shipped, and inventory and
 * the ledger show it. The functions check bearer tokens (JWT mode): each test signs in through the
 * console's sign-in screen with a token from {@link TestTokens}. Skipped, with the reason, where no
 * Chromium or chromedriver is installed.
 */
class ConsoleBrowserIT {

    static ChromeDriver browser;
    static RunningConsole running;

    String tenant;
    Api api;
    WebDriverWait wait;

    /** On a failure, what the page showed (its text and address) goes to the test's output. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.TestWatcher showPage = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            if (browser != null) {
                System.out.println("page at " + browser.getCurrentUrl() + " when " + context.getDisplayName() + " failed:\n"
                        + browser.findElement(By.tagName("body")).getText());
            }
        }
    };

    @BeforeAll
    static void startBrowser() {
        var missing = Browser.missing();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "browser tests skipped: " + missing.orElseThrow());
        running = RunningConsole.get();
        browser = Browser.start("en");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void tenantWithPartners() {
        tenant = Fixtures.newTenant();
        api = running.api(tenant);
        assertEquals(201, api.post("/api/warehouses", Map.of("code", "WH1", "name", "Main warehouse")).status());
        assertEquals(201, api.post("/api/suppliers", Map.of("code", "SUP1", "name", "Acme Fruit Co.")).status());
        assertEquals(201, api.post("/api/customers", Map.of("code", "CUS1", "name", "Li Ming Trading")).status());
        // The screens re-render their elements while a condition polls: a stale element is polled again, not a failure.
        wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(running.uri().toString());
        browser.executeScript("localStorage.clear(); sessionStorage.clear()");
        browser.navigate().refresh();
        signIn(token("clerk", TestTokens.ALL_ROLES), tenant);
    }

    @Test
    void shouldTakeAProductFromPurchaseThroughSaleToShipment() {
        go("products");
        click(By.id("new-products"));
        type("form-products-sku", "APL-1");
        type("form-products-name", "Apple");
        type("form-products-unit", "kg");
        type("form-products-purchasePrice", "2.40");
        type("form-products-salePrice", "3.90");
        click(By.id("form-products-submit"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-key='APL-1']")));

        go("purchase-orders");
        click(By.id("new-purchase-orders"));
        type("form-purchase-orders-supplierCode", "SUP1");
        type("form-purchase-orders-warehouseCode", "WH1");
        type("form-purchase-orders-line-0-sku", "APL-1");
        type("form-purchase-orders-line-0-quantity", "10");
        type("form-purchase-orders-line-0-unitPrice", "2.40");
        click(By.id("form-purchase-orders-submit"));
        String purchaseNumber = read(By.cssSelector("tr[data-status='SUBMITTED']"), row -> row.getAttribute("data-key"));
        clickInRow(purchaseNumber, "receive");
        type("form-receive-q-0", "6");
        click(By.id("form-receive-submit"));
        awaitRowStatus(purchaseNumber, "PARTIALLY_RECEIVED");

        go("sales-orders");
        click(By.id("new-sales-orders"));
        type("form-sales-orders-customerCode", "CUS1");
        type("form-sales-orders-warehouseCode", "WH1");
        type("form-sales-orders-line-0-sku", "APL-1");
        browser.findElement(By.id("form-sales-orders-line-0-sku")).sendKeys(Keys.TAB);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#form-sales-orders .product-name"), "3.90"));
        type("form-sales-orders-line-0-quantity", "4");
        click(By.id("form-sales-orders-submit"));
        String saleNumber = read(By.cssSelector("#sales-orders-results tbody tr[data-key]"), row -> row.getAttribute("data-key"));
        String sale = read(By.cssSelector("tr[data-key='" + saleNumber + "']"), WebElement::getText);
        assertTrue(sale.contains("15.60"), "4 x the default price 3.90: " + sale);
        awaitRowStatus(saleNumber, "CONFIRMED");
        clickInRow(saleNumber, "ship");
        click(By.id("form-ship-all"));
        awaitRowStatus(saleNumber, "SHIPPED");

        go("inventory");
        assertEquals("2", read(By.cssSelector("tr[data-key='APL-1@WH1'] td.on-hand"), WebElement::getText), "6 received, 4 shipped");
        assertEquals("0", read(By.cssSelector("tr[data-key='APL-1@WH1'] td.reserved"), WebElement::getText));
        click(By.cssSelector("tr[data-key='APL-1@WH1'] a[href*='tab=ledger']"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-type='ISSUE']")));
        List<String> types = browser.findElements(By.cssSelector("tr[data-type]")).stream().map(row -> row.getAttribute("data-type")).toList();
        assertTrue(types.containsAll(List.of("RECEIPT", "RESERVE", "ISSUE")), "the ledger: " + types);
        assertEquals("2 kg", browser.findElement(By.cssSelector("[data-card='on-hand'] .value")).getText());
    }

    @Test
    void shouldShowTheServersFieldErrorsNextToTheirFields() {
        go("products");
        click(By.id("new-products"));
        type("form-products-sku", "bad sku!");
        type("form-products-unit", "kg");
        click(By.id("form-products-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("form-products-sku-error"), "must start with a letter or digit"));
        assertEquals("true", browser.findElement(By.id("form-products-sku")).getAttribute("aria-invalid"));
        assertTrue(browser.findElement(By.id("form-products-name-error")).getText().contains("must not be blank"));
        assertEquals("", browser.findElement(By.id("form-products-unit-error")).getText(), "a valid field shows no error");
        assertEquals(0, api.get("/api/products").decimal("totalItems").signum(), "a bad request changes nothing");
    }

    @Test
    void shouldPlaceAnOrderLinesErrorAtItsCell() {
        api.post("/api/products", Map.of("sku", "PEAR", "name", "Pear", "unit", "kg", "salePrice", 2));
        go("sales-orders");
        click(By.id("new-sales-orders"));
        type("form-sales-orders-customerCode", "CUS1");
        type("form-sales-orders-warehouseCode", "WH1");
        type("form-sales-orders-line-0-sku", "PEAR");
        type("form-sales-orders-line-0-quantity", "0");
        click(By.id("form-sales-orders-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("form-sales-orders-line-0-quantity-error"), "must be greater than 0"));
        assertEquals(0, api.get("/api/sales-orders").decimal("totalItems").signum(), "a bad request changes nothing");
    }

    @Test
    void shouldSayAnEditIsStaleWhenSomeoneElseSavedFirst() {
        assertEquals(201, api.post("/api/products", Map.of("sku", "KIWI", "name", "Kiwi", "unit", "pcs")).status());
        go("products");
        clickInRow("KIWI", "edit");
        wait.until(ExpectedConditions.attributeToBe(By.id("form-products-name"), "value", "Kiwi"));
        assertEquals(200, api.put("/api/products/KIWI", Map.of("sku", "KIWI", "name", "Kiwi (gold)", "unit", "pcs"),
                "If-Match", "\"0\"").status());

        type("form-products-name", "Green kiwi");
        click(By.id("form-products-submit"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#form-products .stale")));
        assertEquals("Kiwi (gold)", api.get("/api/products/KIWI").text("name"), "the stale edit changed nothing");
        click(By.id("form-products-reload"));
        wait.until(ExpectedConditions.attributeToBe(By.id("form-products-name"), "value", "Kiwi (gold)"));
    }

    @Test
    void shouldOpenEveryScreenInEnglishAndChinese() {
        List<String> screens = List.of("", "products", "warehouses", "suppliers", "customers", "purchase-orders", "sales-orders",
                "stock", "inventory", "finance", "reports");
        for (String language : List.of("zh-CN", "en")) {
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("lang"))).selectByValue(language);
            wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", language));
            for (String screen : screens) {
                go(screen);
                String label = browser.findElement(By.cssSelector("#nav a[href='/" + screen + "']")).getText();
                wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), label));
                assertEquals(List.of(), unlabelledInputs(), "every input of " + screen + " has a label");
            }
        }
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("lang"))).selectByValue("zh-CN");
        assertEquals("商品", browser.findElement(By.cssSelector("#nav a[href='/products']")).getText());
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("lang"))).selectByValue("en");
        assertEquals("Products", browser.findElement(By.cssSelector("#nav a[href='/products']")).getText());
    }

    @Test
    void shouldCountAWarehouseAndShowTheVariances() {
        assertEquals(201, api.post("/api/products", Map.of("sku", "LIME", "name", "Lime", "unit", "kg")).status());
        assertEquals(201, api.post("/api/stock/adjustments", Map.of("warehouseCode", "WH1", "sku", "LIME", "quantity", 10,
                "reason", "OPENING_BALANCE", "unitCost", 1.5)).status());
        go("stock");
        click(By.cssSelector(".tabs a[data-tab='stocktakes']"));
        type("form-stocktake-warehouseCode", "WH1");
        click(By.id("form-stocktake-load"));
        type("form-stocktake-count-0", "8");
        click(By.id("form-stocktake-submit"));
        WebElement result = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#form-stocktake-result tbody tr")));
        assertTrue(result.getText().contains("-2"), result.getText());
        assertEquals(0, new java.math.BigDecimal("8").compareTo(api.get("/api/inventory/LIME").decimal("onHand")));
    }

    @Test
    void shouldImportProductsFromCsvAndReportEveryRow() {
        go("products");
        click(By.id("import-products"));
        type("import-form-products-csv", "sku,name,unit,salePrice\nFIG,Fig,kg,5.20\nDATE,Date,kg,6\nbad sku,Nope,kg,1\n");
        click(By.cssSelector("#import-form-products button[type=submit]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-form-products-report"), "2 created"));
        assertTrue(browser.findElement(By.cssSelector("#import-form-products-report tr[data-row='3']")).getText().contains("sku"));
        assertEquals(0, new java.math.BigDecimal("2").compareTo(api.get("/api/products").decimal("totalItems")));
    }

    @Test
    void shouldAskForATokenAndShowWhoIsSignedIn() {
        assertEquals(201, api.post("/api/products", Map.of("sku", "QUINCE", "name", "Quince", "unit", "kg")).status());
        browser.executeScript("sessionStorage.clear(); localStorage.setItem('psi.console.settings',"
                + " JSON.stringify({tenant: 'someone-else', lang: 'en', currency: 'CNY'}))");
        browser.get(running.uri() + "products");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signin-reason"), "needs you to sign in"));
        assertEquals("/products", browser.executeScript("return location.pathname"), "the page asked for stays");

        type("signin-token", "not a token");
        click(By.id("signin-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signin-token-error"), "not a token"));

        String forged = TestTokens.token("another-secret-of-at-least-32-characters", tenant, "mallory", List.of("admin"), Duration.ofHours(1));
        browser.findElement(By.id("signin-token")).clear();
        type("signin-token", forged);
        click(By.id("signin-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signin-reason"), "not accepted"));
        assertEquals(null, browser.executeScript("return sessionStorage.getItem('psi.console.token')"), "a refused token is dropped");

        String token = token("li.ming", List.of("purchaser", "sales"));
        type("signin-token", "Bearer " + token);
        click(By.id("signin-submit"));
        wait.until(ExpectedConditions.textToBe(By.id("who-sub"), "li.ming"));
        assertEquals(tenant, browser.findElement(By.id("who-tenant")).getText(), "the tenant comes from the token");
        assertEquals("purchaser, sales", browser.findElement(By.id("who-roles")).getText());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-key='QUINCE']")));
        assertEquals(token, browser.executeScript("return sessionStorage.getItem('psi.console.token')"));
        assertTrue(!String.valueOf(browser.executeScript("return JSON.stringify(localStorage)")).contains(token),
                "the token is kept for the tab only, never in localStorage");
        assertEquals(Boolean.TRUE, browser.executeScript("return document.getElementById('new-products').disabled"),
                "products are managed by admins only");
    }

    @Test
    void shouldHoldBackWhatAViewerMayNotDoAndNameTheRolesThatWould() {
        assertEquals(201, api.post("/api/products", Map.of("sku", "PEAR", "name", "Pear", "unit", "kg", "salePrice", 2)).status());
        assertEquals(201, api.post("/api/stock/adjustments", Map.of("warehouseCode", "WH1", "sku", "PEAR", "quantity", 10,
                "reason", "OPENING_BALANCE", "unitCost", 1)).status());
        String placed = placeOrder("PEAR", 1);
        click(By.id("sign-out"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-token")));
        signIn(token("vera", List.of("viewer")), tenant);

        go("sales-orders");
        awaitRowStatus(placed, "CONFIRMED");
        WebElement create = browser.findElement(By.id("new-sales-orders"));
        assertTrue(!create.isEnabled(), "a viewer cannot create sales orders");
        assertEquals("admin, sales", create.getAttribute("data-required-roles"));
        assertTrue(create.getAttribute("title").contains("admin, sales"), create.getAttribute("title"));
        assertEquals(false, read(By.cssSelector("tr[data-key='" + placed + "'] button[data-action='cancel']"), WebElement::isEnabled),
                "nor cancel them");

        // Forced anyway: the API refuses, and the form says which roles would do.
        browser.executeScript("document.getElementById('new-sales-orders').disabled = false");
        click(By.id("new-sales-orders"));
        type("form-sales-orders-customerCode", "CUS1");
        type("form-sales-orders-warehouseCode", "WH1");
        type("form-sales-orders-line-0-sku", "PEAR");
        type("form-sales-orders-line-0-quantity", "1");
        click(By.id("form-sales-orders-submit"));
        WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#form-sales-orders .forbidden")));
        assertTrue(refused.getText().contains("admin, sales") && refused.getText().contains("viewer"), refused.getText());
        assertEquals(1, api.get("/api/sales-orders").decimal("totalItems").intValueExact(), "the refused order was not created");
        assertTrue(browser.findElements(By.id("signin")).isEmpty(), "a 403 is not a reason to sign in again");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("modal")));

        go("inventory");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-key='PEAR@WH1']")));
    }

    /**
     * The token in the tab's storage is swapped for one that expired (as if the hours had passed); the
     * next call gets the API's real 401, the console asks to sign in and then shows the same screen.
     */
    @Test
    void shouldReturnToSignInWhenTheTokenExpiresAndComeBackToTheSamePage() {
        assertEquals(201, api.post("/api/products", Map.of("sku", "DAMSON", "name", "Damson", "unit", "kg")).status());
        browser.get(running.uri() + "products?q=Damson");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-key='DAMSON']")));
        browser.executeScript("sessionStorage.setItem('psi.console.token', arguments[0])",
                TestTokens.token(running.secret(), tenant, "clerk", TestTokens.ALL_ROLES, Duration.ofMinutes(-5)));
        click(By.cssSelector("#search-products button[type=submit]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signin-reason"), "expired"));
        assertEquals("/products?q=Damson", browser.executeScript("return location.pathname + location.search"));
        assertTrue(browser.findElements(By.id("who")).isEmpty(), "nobody is signed in any more");

        type("signin-token", token("clerk", TestTokens.ALL_ROLES));
        click(By.id("signin-submit"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-key='DAMSON']")));
        assertEquals("Damson", browser.findElement(By.id("search-products-q")).getAttribute("value"), "the search is kept");
    }

    @Test
    void shouldSignOutAndAskAgainOnTheNextCall() {
        click(By.id("sign-out"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-token")));
        assertEquals(null, browser.executeScript("return sessionStorage.getItem('psi.console.token')"));
        assertTrue(browser.findElements(By.id("who")).isEmpty());
        // Not go(): the API's 401 can bring the sign-in screen (which marks no screen current) before the
        // products link is seen current, and waiting for that then fails by a race.
        click(By.cssSelector("#nav a[href='/products']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signin-reason"), "needs you to sign in"));
        assertEquals("/products", browser.executeScript("return location.pathname"), "the screen asked for stays");
    }

    @Test
    void shouldSignInWithTheLocalLaunchersDevelopmentToken() {
        assertEquals(201, api.post("/api/products", Map.of("sku", "MEDLAR", "name", "Medlar", "unit", "kg")).status());
        click(By.id("sign-out"));
        WebElement tenantField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("devtoken-tenant")));
        tenantField.clear();
        tenantField.sendKeys(tenant);
        assertTrue(browser.findElement(By.id("devtoken-role-admin")).isSelected(), "admin is ticked by default");
        click(By.id("devtoken-role-warehouse"));
        click(By.id("devtoken-submit"));
        wait.until(ExpectedConditions.textToBe(By.id("who-sub"), "dev"));
        assertEquals(tenant, browser.findElement(By.id("who-tenant")).getText());
        assertEquals("admin, warehouse", browser.findElement(By.id("who-roles")).getText());
        go("products");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-key='MEDLAR']")));
    }

    @Test
    void shouldCancelOneOrderAndTakeBackPartOfAShippedOne() {
        assertEquals(201, api.post("/api/products", Map.of("sku", "PLUM", "name", "Plum", "unit", "kg", "salePrice", 4)).status());
        assertEquals(201, api.post("/api/stock/adjustments", Map.of("warehouseCode", "WH1", "sku", "PLUM", "quantity", 20,
                "reason", "OPENING_BALANCE", "unitCost", 2)).status());
        String cancelled = placeOrder("PLUM", 5);
        String shipped = placeOrder("PLUM", 3);
        go("sales-orders");
        awaitRowStatus(cancelled, "CONFIRMED");
        awaitRowStatus(shipped, "CONFIRMED");

        clickInRow(cancelled, "cancel");
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        awaitRowStatus(cancelled, "CANCELLED");

        clickInRow(shipped, "ship");
        click(By.id("form-ship-submit"));
        awaitRowStatus(shipped, "SHIPPED");
        clickInRow(shipped, "return");
        type("form-return-q-0", "1");
        click(By.id("form-return-submit"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> java.math.BigDecimal.ONE
                .compareTo(api.get("/api/sales-orders/" + shipped).decimal("lines.0.returnedQuantity")) == 0);
        assertEquals(0, new java.math.BigDecimal("18").compareTo(api.get("/api/inventory/PLUM").decimal("onHand")),
                "20 - 3 shipped + 1 returned");
        assertEquals(0, java.math.BigDecimal.ZERO.compareTo(api.get("/api/inventory/PLUM").decimal("reserved")),
                "the cancelled order's reservation is released");
    }

    @Test
    void shouldTransferStockBetweenWarehouses() {
        assertEquals(201, api.post("/api/warehouses", Map.of("code", "WH2", "name", "North depot")).status());
        assertEquals(201, api.post("/api/products", Map.of("sku", "FIGS", "name", "Figs", "unit", "kg")).status());
        assertEquals(201, api.post("/api/stock/adjustments", Map.of("warehouseCode", "WH1", "sku", "FIGS", "quantity", 9,
                "reason", "OPENING_BALANCE", "unitCost", 3)).status());
        go("stock");
        click(By.cssSelector(".tabs a[data-tab='transfers']"));
        type("form-transfer-fromWarehouseCode", "WH1");
        type("form-transfer-toWarehouseCode", "WH2");
        type("form-transfer-line-0-sku", "FIGS");
        type("form-transfer-line-0-quantity", "4");
        click(By.id("form-transfer-submit"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#form-transfer-result tbody tr")));
        assertEquals(2, browser.findElements(By.cssSelector("#form-transfer-result tbody tr")).size(), "one movement out, one in");
        var levels = api.get("/api/inventory?sku=FIGS");
        assertEquals(2, levels.list("items").size(), levels.body());
    }

    @Test
    void shouldDeactivateACustomerAndShowItAmongTheInactiveOnes() {
        go("customers");
        clickInRow("CUS1", "deactivate");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-key='CUS1']")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("search-customers-active"))).selectByValue("false");
        click(By.cssSelector("#search-customers button[type=submit]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.inactive[data-key='CUS1']")));
        assertEquals(Boolean.FALSE, api.get("/api/customers/CUS1").json().get("active"));
    }

    /**
     * A shipped order's invoice (booked by finance from stock-adjust's issued event) shows as the customer's 0-30
     * day balance; a receipt allocated beyond what it brings, or beyond what is open, is refused at its field; a
     * partial receipt lowers the balance, and the statement lists both.
     */
    @Test
    void shouldShowTheReceivableOfAShippedOrderAndRecordAPartialReceiptAgainstIt() {
        Shipped shipped = shipAnOrder("PEAR", 5);
        BigDecimal due = shipped.invoiceAmount();
        go("finance");
        String aging = read(By.cssSelector("#fin-aging tr[data-key='CUS1']"), WebElement::getText);
        assertTrue(read(By.cssSelector("#fin-aging tr[data-key='CUS1'] td.b0"), WebElement::getText).contains(plain(due)), "0-30 days: " + aging);
        assertTrue(read(By.cssSelector("#fin-aging tr[data-key='CUS1'] td.balance"), WebElement::getText).contains(plain(due)), aging);

        click(By.cssSelector("#fin-aging tr[data-key='CUS1'] button[data-action='partner']"));
        String open = read(By.cssSelector("#fin-open tr[data-key='" + shipped.invoice() + "'] td.open"), WebElement::getText);
        assertTrue(open.contains(plain(due)), "open: " + open);
        assertTrue(browser.findElement(By.cssSelector("#fin-balance [data-card='balance'] .value")).getText().contains(plain(due)));

        type("form-settle-amount", "3");
        type("form-settle-alloc-0", "5");
        click(By.id("form-settle-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("form-settle-allocations-error"), "add up to"));

        type("form-settle-amount", "1000");
        type("form-settle-alloc-0", "1000");
        click(By.id("form-settle-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("form-settle-alloc-0-error"), "more than"));
        assertEquals("true", browser.findElement(By.id("form-settle-alloc-0")).getAttribute("aria-invalid"));
        assertEquals(0, api.get("/api/finance/receivables?customerCode=CUS1").decimal("items.0.settled").signum(),
                "a refused receipt changes nothing");

        type("form-settle-amount", "4");
        type("form-settle-alloc-0", "4");
        type("form-settle-reference", "bank 42");
        click(By.id("form-settle-submit"));
        BigDecimal rest = due.subtract(new BigDecimal("4"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#fin-balance [data-card='balance'] .value"), plain(rest)));
        assertEquals(0, rest.compareTo(api.get("/api/finance/receivables?customerCode=CUS1").decimal("items.0.open")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#fin-open tr[data-key='" + shipped.invoice() + "'] td.open"), plain(rest)));

        click(By.id("form-statement-submit"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fin-statement tr[data-type='RECEIPT']")));
        assertTrue(browser.findElement(By.cssSelector("#fin-statement tr[data-type='INVOICE'] td.debit")).getText().contains(plain(due)));
        assertTrue(browser.findElement(By.cssSelector("#fin-statement [data-card='closing'] .value")).getText().contains(plain(rest)));
    }

    /** The detail of a shipped sales order links each shipment's delivery note and invoice; a receipt's goods-received note. */
    @Test
    void shouldOpenThePrintedDocumentsOfAShipmentAndAReceiptFromTheOrdersDetail() {
        Shipped shipped = shipAnOrder("PEAR", 2);
        captureDownloads();
        go("sales-orders");
        click(By.cssSelector("tr[data-key='" + shipped.order() + "'] button[data-action='details']"));
        WebElement shipment = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#order-movements tbody tr[data-key^='SH']")));
        assertTrue(shipment.findElement(By.cssSelector("td.invoice-number")).getText().contains(shipped.invoice()), shipment.getText());
        assertTrue(shipment.getText().contains("PEAR × 2"), shipment.getText());
        shipment.findElement(By.cssSelector("a[data-doc='invoice'][data-format='html']")).click();
        String invoice = lastDownload();
        assertTrue(invoice.contains(shipped.invoice()) && invoice.contains(shipped.order()) && invoice.contains(plain(shipped.invoiceAmount())),
                "the invoice, fetched with the token: " + invoice);
        shipment.findElement(By.cssSelector("a[data-doc='delivery-note'][data-format='pdf']")).click();
        assertTrue(lastDownload().startsWith("application/pdf|%PDF"), "a PDF");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("modal")));

        var order = api.post("/api/purchase-orders", Map.of("supplierCode", "SUP1", "warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", "PEAR", "quantity", 7, "unitPrice", 1))));
        assertEquals(201, order.status(), order.body());
        String purchase = order.text("number");
        assertEquals(202, api.post("/api/purchase-orders/" + purchase + "/receipts", Map.of()).status());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "RECEIVED".equals(api.get("/api/purchase-orders/" + purchase).text("status")));
        go("purchase-orders");
        click(By.cssSelector("tr[data-key='" + purchase + "'] button[data-action='details']"));
        WebElement receipt = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#order-movements tbody tr[data-key^='GR']")));
        assertTrue(receipt.getText().contains("PEAR × 7"), receipt.getText());
        receipt.findElement(By.cssSelector("a[data-doc='goods-received-note'][data-format='html']")).click();
        String note = lastDownload();
        assertTrue(note.contains("Goods-received note") && note.contains(purchase) && note.contains(receipt.getAttribute("data-key")), note);
    }

    /** The sales report grouped by product shows the shipped quantity and revenue; its CSV comes with the token; gross profit too. */
    @Test
    void shouldShowTheShippedQuantityInTheSalesReportAndDownloadItAsCsv() {
        Shipped shipped = shipAnOrder("PEAR", 5);
        captureDownloads();
        go("reports");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("search-report-groupBy"))).selectByValue("product");
        click(By.id("search-report-submit"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#report-results tr[data-key='PEAR'] td.quantity"), "5"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#report-results tr[data-key='PEAR'] td.revenue"),
                plain(shipped.net())));
        assertEquals("5", browser.findElement(By.cssSelector("#report-results tr[data-key='TOTAL'] td.quantity")).getText());
        assertTrue(browser.findElement(By.id("report-csv")).getAttribute("href").contains("groupBy=product&format=csv"));
        click(By.id("report-csv"));
        String csv = lastDownload();
        assertTrue(csv.startsWith("text/csv|") && java.util.regex.Pattern.compile("(?m)^PEAR,Pear,1,5(\\.0+)?,").matcher(csv).find(), csv);

        click(By.cssSelector(".tabs a[data-tab='gross-profit']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#report-results tr[data-key='PEAR'] td.cost"),
                "5.00")); // 5 issued at the average cost 1
        click(By.cssSelector(".tabs a[data-tab='slow-moving']"));
        type("search-report-days", "x");
        click(By.id("search-report-submit"));
        wait.until(ExpectedConditions.attributeToBe(By.id("search-report-days"), "aria-invalid", "true"));
        assertTrue(!browser.findElement(By.id("search-report-days-error")).getText().isBlank(), "the server's field error is shown at its field");
    }

    /** An admin changes the tenant's tax settings (If-Match), a bad rate is refused at its field, a stale save says so; a viewer only reads. */
    @Test
    void shouldChangeTheTaxSettingsAsAnAdminAndOnlyShowThemToAViewer() {
        click(By.id("open-settings"));
        BigDecimal before = api.get("/api/settings/tax").decimal("defaultTaxRate");
        WebElement rate = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("form-tax-defaultTaxRate")));
        assertEquals(0, before.compareTo(new BigDecimal(rate.getAttribute("value"))), "the tenant's rate is shown");
        type("form-tax-defaultTaxRate", "150");
        click(By.id("form-tax-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("form-tax-defaultTaxRate-error"), "100"));
        assertEquals(0, before.compareTo(api.get("/api/settings/tax").decimal("defaultTaxRate")), "a refused change changes nothing");

        type("form-tax-defaultTaxRate", "13");
        click(By.id("form-tax-pricesIncludeTax"));
        click(By.id("form-tax-submit"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> new BigDecimal("13").compareTo(api.get("/api/settings/tax").decimal("defaultTaxRate")) == 0);

        var current = api.get("/api/settings/tax");
        assertEquals(200, api.put("/api/settings/tax", Map.of("defaultTaxRate", 6, "pricesIncludeTax", false),
                "If-Match", current.header("ETag")).status());
        type("form-tax-defaultTaxRate", "9");
        click(By.id("form-tax-submit"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#form-tax .stale")));
        assertEquals(0, new BigDecimal("6").compareTo(api.get("/api/settings/tax").decimal("defaultTaxRate")), "the stale save changed nothing");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("settings")));

        click(By.id("sign-out"));
        signIn(token("vera", List.of("viewer")), tenant);
        click(By.id("open-settings"));
        wait.until(ExpectedConditions.attributeToBe(By.id("form-tax-defaultTaxRate"), "value", "6"));
        assertEquals("true", browser.findElement(By.id("form-tax-defaultTaxRate")).getAttribute("readonly"));
        WebElement save = browser.findElement(By.id("form-tax-submit"));
        assertTrue(!save.isEnabled() && "admin".equals(save.getAttribute("data-required-roles")), "only admins change tax settings");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    }

    /** A sales clerk records receipts from customers, not payments to suppliers; the console holds back what the role may not do. */
    @Test
    void shouldLetASalesClerkRecordReceiptsButNotPayments() {
        click(By.id("sign-out"));
        signIn(token("sam", List.of("sales")), tenant);
        browser.get(running.uri() + "finance?tab=receivables&partner=CUS1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fin-balance [data-card='balance']")));
        assertTrue(browser.findElement(By.id("form-settle-submit")).isEnabled(), "sales may record receipts");
        browser.get(running.uri() + "finance?tab=payables&partner=SUP1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fin-balance [data-card='balance']")));
        WebElement pay = browser.findElement(By.id("form-settle-submit"));
        assertTrue(!pay.isEnabled(), "but not payments");
        assertEquals("admin, purchaser", pay.getAttribute("data-required-roles"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fin-aging tr[data-key='TOTAL']"))); // sales reads payables
    }

    /** What a shipped order left behind: its number, finance's invoice for it and that invoice's amount, the order's net. */
    private record Shipped(String order, String invoice, BigDecimal invoiceAmount, BigDecimal net) {
    }

    /** Stocks {@code sku} (10 at cost 1, sale price 2), sells and ships {@code quantity} through the API, and waits for finance's invoice. */
    private Shipped shipAnOrder(String sku, int quantity) {
        assertEquals(201, api.post("/api/products", Map.of("sku", sku, "name", "Pear", "unit", "kg", "salePrice", 2)).status());
        assertEquals(201, api.post("/api/stock/adjustments", Map.of("warehouseCode", "WH1", "sku", sku, "quantity", 10,
                "reason", "OPENING_BALANCE", "unitCost", 1)).status());
        String number = placeOrder(sku, quantity);
        var await = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30));
        await.until(() -> "CONFIRMED".equals(api.get("/api/sales-orders/" + number).text("status")));
        assertEquals(202, api.post("/api/sales-orders/" + number + "/shipments", Map.of()).status());
        await.until(() -> api.get("/api/finance/receivables?orderNumber=" + number).decimal("totalItems").signum() > 0);
        var invoice = api.get("/api/finance/receivables?orderNumber=" + number);
        var order = api.get("/api/sales-orders/" + number);
        BigDecimal net = order.decimal("netAmount") != null ? order.decimal("netAmount") : order.decimal("totalAmount");
        return new Shipped(number, invoice.text("items.0.number"), invoice.decimal("items.0.amount"), net);
    }

    /** Keeps every Blob the page hands to URL.createObjectURL (what a click on a file link downloads). */
    private void captureDownloads() {
        browser.executeScript("window.__files = []; const make = URL.createObjectURL.bind(URL);"
                + " URL.createObjectURL = (blob) => { window.__files.push(blob); return make(blob); };");
    }

    /** The type and text of the file the page downloaded last ("type|text"), once there is a new one. */
    private String lastDownload() {
        wait.until(driver -> Boolean.TRUE.equals(browser.executeScript("return window.__files.length > (window.__read || 0)")));
        return (String) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " window.__read = window.__files.length; const blob = window.__files[window.__read - 1];"
                + " blob.text().then((text) => done(blob.type.split(';')[0] + '|' + text));");
    }

    /** A decimal as the console's money shows it, e.g. 10 -> "10.00". */
    private static String plain(BigDecimal value) {
        return value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private String placeOrder(String sku, int quantity) {
        var response = api.post("/api/sales-orders", Map.of("customerCode", "CUS1", "warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", sku, "quantity", quantity))));
        assertEquals(201, response.status(), response.body());
        return response.text("number");
    }

    @Test
    void shouldLabelEveryInputOfEveryForm() {
        for (String screen : List.of("products", "warehouses", "suppliers", "customers", "purchase-orders", "sales-orders")) {
            go(screen);
            click(By.id("new-" + screen));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("modal")));
            assertEquals(List.of(), unlabelledInputs(), "every input of the new-entry form of " + screen + " has a label");
            browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("modal")));
        }
        go("stock");
        for (String tab : List.of("adjustments", "transfers", "stocktakes")) {
            click(By.cssSelector(".tabs a[data-tab='" + tab + "']"));
            wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".tabs a[data-tab='" + tab + "']"), "aria-current", "page"));
            assertEquals(List.of(), unlabelledInputs(), "every input of the " + tab + " form has a label");
        }
    }

    /** Inputs, selects and text areas (in the page and its open dialog) with neither a label[for] nor an aria-label. */
    @SuppressWarnings("unchecked")
    private List<String> unlabelledInputs() {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll('main input, main select, main textarea,"
                + " dialog[open] input, dialog[open] select, dialog[open] textarea')]"
                + ".filter(e => e.type !== 'hidden' && !e.getAttribute('aria-label')"
                + "  && !(e.id && document.querySelector('label[for=\"' + e.id + '\"]')))"
                + ".map(e => e.outerHTML)");
    }

    /** A token for this test's tenant, signed with the running functions' secret. */
    private String token(String subject, List<String> roles) {
        return TestTokens.token(running.secret(), tenant, subject, roles, Duration.ofHours(1));
    }

    /** Signs in on the sign-in screen (shown when the API answers 401) by pasting {@code token}. */
    private void signIn(String token, String tenantId) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-token")));
        type("signin-token", token);
        click(By.id("signin-submit"));
        wait.until(ExpectedConditions.textToBe(By.id("who-tenant"), tenantId));
    }

    private void go(String screen) {
        click(By.cssSelector("#nav a[href='/" + screen + "']"));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#nav a[href='/" + screen + "']"), "aria-current", "page"));
    }

    /** Clicks {@code by} once it is clickable; an element re-rendered between finding and clicking is found again. */
    private void click(By by) {
        wait.until(driver -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(driver);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /**
     * What {@code reading} takes from the element {@code by} finds, found and read again if the screen re-rendered
     * it in between (the order lists replace their rows when a poll brings a new status): hold no element of a list.
     */
    private <T> T read(By by, java.util.function.Function<WebElement, T> reading) {
        return wait.until(driver -> java.util.Optional.ofNullable(reading.apply(driver.findElement(by)))).orElse(null);
    }

    private void type(String id, String value) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        input.clear();
        input.sendKeys(value);
    }

    private void clickInRow(String key, String action) {
        click(By.cssSelector("tr[data-key='" + key + "'] button[data-action='" + action + "']"));
    }

    /** The list polls: the new status appears without a reload. */
    private void awaitRowStatus(String key, String status) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-key='" + key + "'][data-status='" + status + "']")));
    }
}
