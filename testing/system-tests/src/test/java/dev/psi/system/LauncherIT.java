package dev.psi.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.psi.testing.Api;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code bin/psi-local} end to end, as a user runs it, on embedded infrastructure only (no DATABASE_*, REDIS_*,
 * KAFKA_* in its environment; every port free): one launch with {@code --demo} in a pseudo-terminal serves the
 * README walk-through through the front door, refuses a second launch, survives a {@code kill -9} of a function in
 * the middle of a burst of orders, and stops every process on Ctrl-C; a second launch on the same data directory
 * (the data survives, the demo changes nothing) scales to zero, starts functions on a request and on an event,
 * and stops every process on SIGTERM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {

    private static final Path DATA = Launch.ROOT.resolve("testing/system-tests/target/launcher-data");
    private static final Duration START = Duration.ofMinutes(6);
    private static final String TENANT = "walk" + UUID.randomUUID().toString().substring(0, 8);

    private static Launch launch;
    private static URI frontDoor;
    private static List<ProcessHandle> processes;
    private static List<Integer> ports;
    private static double demoSalesOrders;

    @AfterAll
    static void stopWhatIsLeft() {
        if (launch != null) {
            launch.close();
        }
    }

    @Test
    @Order(1)
    void shouldReachReadyOnEmbeddedInfrastructureAndRefuseASecondLaunch() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux script for a pseudo-terminal");
        long started = System.nanoTime();
        launch = Launch.start(DATA.resolveSibling("launch-1.out"), true, "--demo", "--fresh", "--port", "0",
                "--data-dir", DATA.toString());
        frontDoor = launch.awaitReady(START);
        System.out.printf("LauncherIT: ready with --demo on embedded infrastructure after %.1f s%n",
                (System.nanoTime() - started) / 1e9);
        String screen = launch.text();
        assertFalse(screen.contains("the demo data did not load"), launch.tail());
        for (String row : List.of("catalog", "order-create", "order-workflow", "stock-adjust", "inventory-query",
                "replenish", "reports", "finance")) {
            assertTrue(Pattern.compile("(?m)^" + row + "\\s+http://127\\.0\\.0\\.1:\\d+\\s+ready\\s+\\d+").matcher(screen).find(),
                    "start-up table row for " + row + ":\n" + launch.tail());
        }
        assertTrue(Pattern.compile("(?m)^(database|redis|kafka)\\s+127\\.0\\.0\\.1:\\d+\\s+embedded\\s+\\d+").matcher(screen)
                .results().count() == 3, "database, Redis and Kafka embedded:\n" + launch.tail());
        assertTrue(screen.contains("curl -s -H 'X-Tenant-Id: demo' '" + frontDoor + "/api/products?size=3'"), screen);
        assertTrue(Files.readString(DATA.resolve("logs/catalog.log")).contains("Startup completed"), "a log per function");
        Map<String, Object> status = status();
        processes = launch.descendants();
        ports = Launch.ports(status);

        var demo = new Api(frontDoor, "demo");
        assertEquals(30.0, ((Number) demo.get("/api/products?size=1").at("totalItems")).doubleValue());
        demoSalesOrders = ((Number) demo.get("/api/sales-orders?size=1").at("totalItems")).doubleValue();
        assertEquals("REJECTED", demo.get("/api/sales-orders?status=REJECTED").text("items.0.status"));
        assertEquals("PARTIALLY_RECEIVED", demo.get("/api/purchase-orders?status=PARTIALLY_RECEIVED").text("items.0.status"));
        // The demo's dates hang on its first order, not on the day it runs: a later run (the scale-to-zero launch below,
        // maybe after midnight) sends the same bodies and is replayed, instead of refused for a reused Idempotency-Key.
        LocalDate firstDay = Instant.parse(demo.get("/api/sales-orders?sort=createdAt&size=1").text("items.0.createdAt"))
                .atOffset(ZoneOffset.UTC).toLocalDate();
        assertEquals(firstDay.plusDays(7).toString(),
                demo.get("/api/purchase-orders?status=PARTIALLY_RECEIVED").text("items.0.expectedDate"));

        Launch second = Launch.start(DATA.resolveSibling("launch-2.out"), false, "--port", "0", "--data-dir", DATA.toString());
        assertTrue(second.awaitExit(Duration.ofSeconds(90)), "a second launch must give up at once");
        assertEquals(3, second.process.exitValue());
        assertTrue(second.text().contains("PSI is already running on data directory " + DATA), second.text());
    }

    @Test
    @Order(2)
    void shouldRunEveryCurlOfTheReadmeWalkThroughAgainstTheFrontDoor() throws Exception {
        assumeTrue(frontDoor != null);
        for (WalkStep step : walkThrough()) {
            String command = step.command.replace("localhost:8080", "localhost:" + frontDoor.getPort())
                    .replace("acme", TENANT).replace("-2026-", "-" + Year.now() + "-");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int status;
            String body;
            do {
                var run = new ProcessBuilder("bash", "-c", command + " -w '\\n%{http_code}'").redirectErrorStream(true).start();
                String out = new String(run.getInputStream().readAllBytes()).trim();
                run.waitFor();
                status = Integer.parseInt(out.substring(out.lastIndexOf('\n') + 1).trim());
                body = out.substring(0, Math.max(0, out.lastIndexOf('\n')));
                // 409: the step before (a receipt, the confirmation) has not been applied yet; as a user, try again.
            } while (status == 409 && System.nanoTime() < deadline && sleep());
            if (step.expectedStatus > 0) {
                assertEquals(step.expectedStatus, status, command + "\n" + body);
            } else {
                assertTrue(status >= 200 && status < 300, status + " for " + command + "\n" + body);
            }
        }
        var api = new Api(frontDoor, TENANT);
        String so = "SO-" + Year.now() + "-000001";
        await().atMost(Duration.ofSeconds(30)).until(() -> "SHIPPED".equals(api.get("/api/sales-orders/" + so).text("status")));
        assertEquals("RECEIVED", api.get("/api/purchase-orders/PO-" + Year.now() + "-000001").text("status"));
        var inventory = api.get("/api/inventory/APL-001");
        assertEquals(0, inventory.decimal("onHand").compareTo(new java.math.BigDecimal("70")), inventory.body());
        assertEquals(0, inventory.decimal("value").compareTo(new java.math.BigDecimal("168.00")), inventory.body());
        var ledger = api.get("/api/inventory/APL-001/movements?warehouseCode=WH1").list("items");
        // Newest first. The second receipt (202, booked asynchronously) and the sales order's reservation may be
        // booked in either order, as in the cluster; the shipment's issue is always last.
        var types = ledger.stream().map(m -> String.valueOf(((Map<?, ?>) m).get("movementType"))).toList();
        assertEquals("ISSUE", types.get(0), types.toString());
        assertEquals(List.of("ISSUE", "RECEIPT", "RECEIPT", "RESERVE"), types.stream().sorted().toList());
    }

    @Test
    @Order(3)
    void shouldRouteOnlyPublicPathsAndPassHeadersOn() throws Exception {
        assumeTrue(frontDoor != null);
        var api = new Api(frontDoor, TENANT);
        for (String internal : List.of("/events", "/outbox/sweep", "/events/dead-letters")) {
            var answer = api.post(internal, Map.of());
            assertEquals(404, answer.status(), internal);
            assertEquals("application/problem+json", answer.header("Content-Type"));
            assertEquals("urn:psi:problem:not-found", answer.text("type"));
        }
        assertEquals(404, api.get("/api/nothing-here").status());
        var routed = api.get("/api/products/APL-001", "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertEquals(200, routed.status());
        assertNotNull(routed.header("X-Request-Id"), "the front door adds a request id");
        assertEquals("given-id", api.get("/api/products/APL-001", "X-Request-Id", "given-id").header("X-Request-Id"));
        assertEquals(200, api.get("/openapi/catalog.yml").status());
    }

    @Test
    @Order(4)
    void shouldRestartAKilledFunctionAndConfirmEveryOrderOfTheBurst() throws Exception {
        assumeTrue(frontDoor != null);
        var api = new Api(frontDoor, TENANT + "b");
        assertEquals(201, api.post("/api/warehouses", Map.of("code", "WH1", "name", "Main")).status());
        assertEquals(201, api.post("/api/customers", Map.of("code", "C1", "name", "Burst buyer")).status());
        assertEquals(201, api.post("/api/products", Map.of("sku", "B-1", "name", "Bolt", "unit", "pcs",
                "purchasePrice", 1, "salePrice", 2)).status());
        assertEquals(201, api.post("/api/stock/adjustments", Map.of("warehouseCode", "WH1", "sku", "B-1",
                "quantity", 1000, "reason", "FOUND", "unitCost", 1)).status());
        long victim = pidOf("stock-adjust");

        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<String> numbers = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            running.add(clients.submit(() -> {
                var placed = api.post("/api/sales-orders", Map.of("customerCode", "C1", "warehouseCode", "WH1",
                        "lines", List.of(Map.of("sku", "B-1", "quantity", 1))));
                assertEquals(201, placed.status(), placed.body());
                numbers.add(placed.text("number"));
            }));
            if (i == 10) {
                ProcessHandle.of(victim).orElseThrow().destroyForcibly(); // SIGKILL, mid-burst
            }
        }
        for (Future<?> future : running) {
            future.get();
        }
        clients.shutdown();
        assertEquals(40, numbers.size());
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                numbers.stream().allMatch(n -> "CONFIRMED".equals(api.get("/api/sales-orders/" + n).text("status"))));
        var restarted = function("stock-adjust");
        assertEquals(1, ((Number) restarted.get("restarts")).intValue(), restarted.toString());
        assertNotEquals(victim, ((Number) restarted.get("pid")).longValue());
        assertTrue(Files.readString(DATA.resolve("logs/stock-adjust.log")).contains("pid " + victim + " exited with code 137"));
        assertEquals(0, new Api(frontDoor, TENANT + "b").get("/api/inventory/B-1").decimal("onHand")
                .compareTo(new java.math.BigDecimal("1000")));
        assertEquals(0, new Api(frontDoor, TENANT + "b").get("/api/inventory/B-1").decimal("reserved")
                .compareTo(new java.math.BigDecimal("40")));
        processes = launch.descendants(); // the restarted function is one of them now
    }

    @Test
    @Order(5)
    void shouldStopEveryProcessOnCtrlC() throws Exception {
        assumeTrue(frontDoor != null);
        launch.pressCtrlC();
        assertTrue(launch.awaitExit(Duration.ofSeconds(90)), "Ctrl-C must stop the launcher:\n" + launch.tail());
        assertNoneLeft();
        assertTrue(launch.text().contains("psi-local       | stopped"), launch.tail());
    }

    @Test
    @Order(6)
    void shouldScaleToZeroWakeOnRequestsAndEventsKeepTheDataAndStopEveryProcessOnSigterm() throws Exception {
        assumeTrue(frontDoor != null && !launch.process.isAlive());
        // This launch runs as the cluster does, tokens required: --demo loads (here: replays) its data with a token,
        // and every request below carries one signed with the secret the launcher left for bin/psi-token.
        launch = Launch.start(DATA.resolveSibling("launch-3.out"), false, Map.of("PSI_AUTH_MODE", "jwt"),
                "--demo", "--scale-to-zero", "--idle", "3s", "--port", "0", "--data-dir", DATA.toString());
        frontDoor = launch.awaitReady(START);
        assertFalse(launch.text().contains("the demo data did not load"), "the demo replays:\n" + launch.tail());
        String secret = Files.readString(DATA.resolve("jwt-secret")).strip();
        assertEquals(401, new Api(frontDoor, "demo").withAuthorization(null).get("/api/products?size=1").status(),
                "no token, no answer in jwt mode");
        var demo = new Api(frontDoor, "demo", secret);
        var walk = new Api(frontDoor, TENANT, secret);
        assertEquals(demoSalesOrders, ((Number) demo.get("/api/sales-orders?size=1").at("totalItems")).doubleValue(),
                "the demo again changes nothing");
        await().atMost(Duration.ofSeconds(60)).until(() -> functions().stream().allMatch(f -> "stopped".equals(f.get("state"))));
        processes = launch.descendants();
        ports = Launch.ports(status());

        int coldStarts = ((Number) function("catalog").get("coldStarts")).intValue();
        long sent = System.nanoTime();
        var product = walk.get("/api/products/APL-001");
        double coldMillis = (System.nanoTime() - sent) / 1e6;
        assertEquals(200, product.status(), "the walk-through's product survived the restart: " + product.body());
        System.out.printf("LauncherIT: cold start of catalog through the front door: %.0f ms request to answer%n", coldMillis);
        var catalog = function("catalog");
        assertEquals(coldStarts + 1, ((Number) catalog.get("coldStarts")).intValue());
        assertTrue(Files.readString(DATA.resolve("logs/catalog.log")).contains("(cold start #" + (coldStarts + 1) + " took"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "stopped".equals(function("catalog").get("state")));

        // An order wakes order-create; its event, delivered by the dispatcher, wakes stock-adjust.
        int stockColdStarts = ((Number) function("stock-adjust").get("coldStarts")).intValue();
        var placed = walk.post("/api/sales-orders", Map.of("customerCode", "C001", "warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", "APL-001", "quantity", 5))));
        assertEquals(201, placed.status(), placed.body());
        String number = placed.text("number");
        await().atMost(Duration.ofMinutes(2)).until(() ->
                ((Number) function("stock-adjust").get("coldStarts")).intValue() > stockColdStarts);
        await().atMost(Duration.ofMinutes(2)).until(() -> "CONFIRMED".equals(walk.get("/api/sales-orders/" + number).text("status")));
        processes = launch.descendants();
        ports = Launch.ports(status());

        launch.process.destroy(); // SIGTERM
        assertTrue(launch.awaitExit(Duration.ofSeconds(90)), "SIGTERM must stop the launcher:\n" + launch.tail());
        assertNoneLeft();
    }

    private static void assertNoneLeft() {
        await().atMost(Duration.ofSeconds(30)).until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
        for (int port : ports) {
            assertTrue(Launch.isFree(port), "port " + port + " still taken");
        }
    }

    private static boolean sleep() {
        try {
            Thread.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Map<String, Object> status() {
        return new Api(frontDoor, "demo").get("/local/status").json();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> functions() {
        return (List<Map<String, Object>>) status().get("functions");
    }

    private static Map<String, Object> function(String name) {
        return functions().stream().filter(f -> name.equals(f.get("name"))).findFirst().orElseThrow();
    }

    private static long pidOf(String name) {
        return ((Number) function(name).get("pid")).longValue();
    }

    /** A curl of the README walk-through and the status its shown answer has (0: any 2xx). */
    record WalkStep(String command, int expectedStatus) {
    }

    /** Every {@code curl} line between the walk-through markers of README.md, in order. */
    static List<WalkStep> walkThrough() throws IOException {
        String readme = Files.readString(Launch.ROOT.resolve("README.md"));
        int from = readme.indexOf("<!-- walk-through:start");
        int to = readme.indexOf("<!-- walk-through:end -->");
        assertTrue(from >= 0 && to > from, "README.md has the walk-through markers");
        List<WalkStep> steps = new ArrayList<>();
        Pattern shown = Pattern.compile("\"status\":(\\d{3})");
        for (String line : readme.substring(from, to).split("\n")) {
            if (line.startsWith("curl ")) {
                steps.add(new WalkStep(line, 0));
            } else if (line.startsWith("#") && !steps.isEmpty()) {
                Matcher status = shown.matcher(line);
                if (status.find()) {
                    WalkStep last = steps.remove(steps.size() - 1);
                    steps.add(new WalkStep(last.command(), Integer.parseInt(status.group(1))));
                }
            }
        }
        assertTrue(steps.size() >= 14, "the walk-through has its curls: " + steps.size());
        return steps;
    }
}
