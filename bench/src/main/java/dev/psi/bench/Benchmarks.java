package dev.psi.bench;

import dev.psi.local.LocalSystem;
import dev.psi.schema.DatabaseSettings;
import dev.psi.schema.Migrator;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PSI benchmarks: one run creates its own database, starts the whole system on it
 * ({@link LocalSystem}: every function as a process, a Kafka broker, the dispatcher), measures
 * <ol>
 *   <li>hot-SKU reservations: the guarded UPDATE over JDBC against the same reservation through
 *       stock-adjust's {@code POST /events};</li>
 *   <li>{@code GET /api/inventory/{sku}} with a warm cache and with every request a miss;</li>
 *   <li>the sales chain, HTTP create to CONFIRMED, from the database's own timestamps;</li>
 *   <li>the sales chain under open-loop load at fixed offered rates beside its bare floor, on a fresh system per
 *       partition count ({@link OpenLoopChain}, written as its own block of BENCHMARKS.md);</li>
 * </ol>
 * writes BENCHMARKS.md, stops everything and drops the database. Every loop is bounded by a count
 * and a time limit; every address is loopback (or the configured database and Redis).
 *
 * <p>Arguments: {@code --root DIR} (the repository, default .), {@code --out FILE} (default
 * ROOT/BENCHMARKS.md), {@code --scale F} (multiplies every count of 1-3; default 1), {@code --keep-database},
 * {@code --only hot,inventory,chain,chain-open-loop} (default all; the first three rewrite the file but for the
 * blocks of others, chain-open-loop replaces only its block), and for the open loop {@code --partitions 1,3,6}
 * (default 3), {@code --rates 100,200,400} (then doubling while the chain keeps up, up to {@code --max-rate 1600}),
 * {@code --step-seconds 15}, {@code --warmup-seconds 5}, {@code --drain-seconds 60}, {@code --max-in-flight 512}.
 * The database and Redis come from the DATABASE_* and REDIS_* environment variables the functions
 * use (default 127.0.0.1:3306 root, 127.0.0.1:6379).
 */
public final class Benchmarks {

    static final int CLIENTS = 16;
    static final Duration SWEEP_EVERY = Duration.ofSeconds(60);
    static final BigDecimal STOCK = new BigDecimal("1000000");

    private final Path root;
    private final Path out;
    private final double scale;
    private final boolean keepDatabase;
    private final DatabaseSettings db;
    private final String redisHost;
    private final int redisPort;
    private final String tenant;
    private final Http http;
    private final Report report;
    private LocalSystem system;
    private final List<String> only;
    private final List<Integer> partitionCounts;
    private final int closedLoopPartitions;
    private final OpenLoopChain.Settings openLoop;

    private final Map<String, Long> productIds = new HashMap<>();
    private final Map<String, Long> warehouseIds = new HashMap<>();
    private final Map<String, Long> customerIds = new HashMap<>();

    private Benchmarks(Map<String, String> options) {
        root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        out = Path.of(options.getOrDefault("out", root.resolve("BENCHMARKS.md").toString()));
        scale = Double.parseDouble(options.getOrDefault("scale", "1"));
        keepDatabase = options.containsKey("keep-database");
        // --only hot,chain runs just those benchmarks (for a quick before/after of one lever)
        only = List.of(options.getOrDefault("only", "hot,inventory,chain,chain-open-loop").split(","));
        // the open-loop chain (issue 12): a fresh system per partition count, the rates given, then doubling
        partitionCounts = java.util.Arrays.stream(options.getOrDefault("partitions",
                        String.valueOf(LocalSystem.DEFAULT_PARTITIONS)).split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        // the closed-loop benchmarks' system: LocalSystem's default unless measuring the partition count itself
        closedLoopPartitions = Integer.parseInt(options.getOrDefault("closed-loop-partitions",
                String.valueOf(LocalSystem.DEFAULT_PARTITIONS)));
        openLoop = new OpenLoopChain.Settings(OpenLoop.rates(options.getOrDefault("rates", "100,200,400")),
                Double.parseDouble(options.getOrDefault("max-rate", "1600")),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup-seconds", "5"))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("step-seconds", "15"))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("drain-seconds", "60"))),
                Integer.parseInt(options.getOrDefault("max-in-flight", "512")), Duration.ofSeconds(20));
        String stamp = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        db = DatabaseSettings.fromEnvironment().withName("psi_bench_" + stamp);
        redisHost = env("REDIS_HOST", "127.0.0.1");
        redisPort = Integer.parseInt(env("REDIS_PORT", "6379"));
        // A tenant of its own: cache keys of an earlier run (same names, 10 minutes TTL) cannot be hits here.
        tenant = "bench-" + stamp;
        http = new Http(tenant);
        report = new Report(out);
    }

    public static void main(String[] args) throws Exception {
        var options = new HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            if (name.equals("keep-database")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        new Benchmarks(options).run();
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        boolean closedLoop = runs("hot") || runs("inventory") || runs("chain");
        report.machine(root, db, redisHost, redisPort, scale, closedLoopPartitions);
        log("database %s, tenant %s", db, tenant);
        Migrator.migrate(db);
        var sweeps = new ArrayList<OpenLoopChain.Sweep>();
        try {
            boolean seeded = false;
            if (closedLoop) {
                double startup = startSystem(closedLoopPartitions, "run");
                report.fact("system start-up", String.format("%.1f s (broker, %d function JVMs, dispatcher assigned)",
                        startup, LocalSystem.FUNCTIONS.size()));
                try {
                    seed();
                    seeded = true;
                    if (runs("hot")) {
                        hotSku();
                    }
                    if (runs("inventory")) {
                        inventory();
                    }
                    if (runs("chain")) {
                        chain();
                    }
                    report.outboxAndDeadLetters(count("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL"),
                            count("SELECT COUNT(*) FROM dead_letters"), outboxLagSummary());
                } finally {
                    stopSystem();
                    functionLogs();
                }
            }
            if (runs("chain-open-loop")) {
                for (int partitions : partitionCounts) {
                    double startup = startSystem(partitions, "run-open-p" + partitions);
                    try {
                        if (!seeded) {
                            seed();
                            seeded = true;
                        }
                        // a customer of its own per sweep, so that its checks count only its orders
                        String customer = "OPEN-P" + partitions + "-" + sweeps.size();
                        http.postExpecting(201, system.uri("catalog"), "/api/customers", "{\"code\":\"" + customer
                                + "\",\"name\":\"Open loop " + customer + "\"}");
                        sweeps.add(OpenLoopChain.sweep(this, system, root, customer, openLoop, startup));
                    } finally {
                        stopSystem();
                    }
                }
            }
        } finally {
            cleanRedis();
            if (!keepDatabase) {
                Migrator.dropDatabase(db);
            }
        }
        if (closedLoop) {
            report.fact("total run time", String.format("%.0f s (without the Maven build)", secondsSince(started)));
            report.write();
            log("wrote %s", out);
        }
        if (!sweeps.isEmpty()) {
            OpenLoopChain.write(out, OpenLoopChain.block(sweeps, openLoop, DateTimeFormatter
                    .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.now())));
            log("wrote the chain-open-loop block of %s (%.0f s in all)", out, secondsSince(started));
        }
    }

    /** Starts the whole system with {@code partitions} per topic, its files under bench/target/{@code work}; seconds. */
    private double startSystem(int partitions, String work) throws IOException {
        Path dir = root.resolve("bench/target").resolve(work);
        // LocalSystem appends to its logs (a launcher keeps them across restarts); a run counts only its own lines
        Path logs = dir.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (var files = Files.list(logs)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                    Files.delete(file);
                }
            }
        }
        var settings = new LocalSystem.Settings(root, dir, db, redisHost, redisPort, Map.of(), SWEEP_EVERY)
                .withPartitions(partitions);
        log("starting the system (Kafka broker with %d partitions per topic, %d functions, dispatcher)", partitions,
                LocalSystem.FUNCTIONS.size());
        long t = System.nanoTime();
        system = LocalSystem.start(settings);
        return secondsSince(t);
    }

    private void stopSystem() {
        log("stopping the system");
        system.close();
        system = null;
    }

    private boolean runs(String benchmark) {
        return only.contains(benchmark);
    }

    // ---------------------------------------------------------------- seeding

    private void seed() throws Exception {
        log("seeding tenant %s", tenant);
        exec("INSERT INTO tenants (id, name) VALUES (?, ?)", tenant, "Benchmark run");
        URI catalog = system.uri("catalog");
        for (String code : List.of("WH1", "WH2", "WH3")) {
            http.postExpecting(201, catalog, "/api/warehouses", "{\"code\":\"" + code + "\",\"name\":\"Warehouse " + code + "\"}");
            warehouseIds.put(code, id("SELECT id FROM warehouses WHERE tenant_id = ? AND code = ?", tenant, code));
        }
        for (String code : List.of("CUS-1B", "CUS-WARM", "CUS-LAT", "CUS-TPUT")) {
            http.postExpecting(201, catalog, "/api/customers", "{\"code\":\"" + code + "\",\"name\":\"Customer " + code + "\"}");
            customerIds.put(code, id("SELECT id FROM customers WHERE tenant_id = ? AND code = ?", tenant, code));
        }
        for (String sku : List.of("HOT-DB", "HOT-HTTP", "INV-HIT", "CHAIN")) {
            product(catalog, sku);
        }
        URI stock = system.uri("stock-adjust");
        // Both hot rows come into being the same way, through stock-adjust, with the same quantity: same row shape.
        adjust(stock, "WH1", "HOT-DB", STOCK);
        adjust(stock, "WH1", "HOT-HTTP", STOCK);
        adjust(stock, "WH1", "CHAIN", STOCK);
        adjust(stock, "WH1", "INV-HIT", new BigDecimal("100"));
        adjust(stock, "WH2", "INV-HIT", new BigDecimal("200"));
        adjust(stock, "WH3", "INV-HIT", new BigDecimal("300"));
    }

    private void product(URI catalog, String sku) throws Exception {
        http.postExpecting(201, catalog, "/api/products", "{\"sku\":\"" + sku + "\",\"name\":\"Product " + sku
                + "\",\"unit\":\"pcs\",\"salePrice\":2.50,\"purchasePrice\":1.00}");
        productIds.put(sku, id("SELECT id FROM products WHERE tenant_id = ? AND sku = ?", tenant, sku));
    }

    private void adjust(URI stock, String warehouse, String sku, BigDecimal quantity) throws Exception {
        http.postExpecting(201, stock, "/api/stock/adjustments", "{\"warehouseCode\":\"" + warehouse + "\",\"sku\":\""
                + sku + "\",\"quantity\":" + quantity.toPlainString() + ",\"reason\":\"FOUND\",\"unitCost\":1.00}");
    }

    // ---------------------------------------------------------------- 1. hot-SKU reservations

    private void hotSku() throws Exception {
        long product = productIds.get("HOT-DB");
        long warehouse = warehouseIds.get("WH1");
        var section = report.section("hot");

        // (a) the guarded conditional UPDATE, autocommit, 16 connections, one row
        log("1a: guarded UPDATE over JDBC, %d connections", CLIENTS);
        var connections = new ArrayList<Connection>();
        var statements = new ArrayList<PreparedStatement>();
        Load.Result warmA;
        Load.Result a;
        Cpu.Snapshot cpuBefore;
        Cpu.Snapshot cpuAfter;
        long[] locksBefore;
        long[] locksAfter;
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Connection c = connect();
                c.setAutoCommit(true);
                var s = c.prepareStatement("UPDATE stock SET reserved = reserved + 1 WHERE tenant_id = ? AND product_id = ?"
                        + " AND warehouse_id = ? AND on_hand - reserved >= 1");
                s.setString(1, tenant);
                s.setLong(2, product);
                s.setLong(3, warehouse);
                connections.add(c);
                statements.add(s);
            }
            Load.Op reserve = (client, seq) -> statements.get(client).executeUpdate() == 1;
            warmA = Load.run(CLIENTS, n(2_000), Duration.ofSeconds(10), reserve);
            locksBefore = rowLocks();
            cpuBefore = Cpu.snapshot();
            a = Load.run(CLIENTS, n(20_000), Duration.ofSeconds(15), reserve);
            cpuAfter = Cpu.snapshot();
            locksAfter = rowLocks();
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
        BigDecimal reservedA = decimal("SELECT reserved FROM stock WHERE tenant_id = ? AND product_id = ? AND warehouse_id = ?",
                tenant, product, warehouse);
        long successesA = warmA.succeeded() + a.succeeded();
        section.put("a", a);
        section.put("a.cpu", Cpu.describe(cpuBefore, cpuAfter, a.elapsed().toNanos() / 1e9));
        section.put("a.perop", Cpu.perOperation(cpuBefore, cpuAfter, a.succeeded()));
        section.put("a.locks", describeLocks(locksBefore, locksAfter, a));
        section.put("a.check", String.format("reserved %s = %d successful UPDATEs (warm-up %d + measured %d): %s",
                reservedA.stripTrailingZeros().toPlainString(), successesA, warmA.succeeded(), a.succeeded(),
                reservedA.compareTo(BigDecimal.valueOf(successesA)) == 0 ? "OK" : "MISMATCH"));
        section.put("a.ok", reservedA.compareTo(BigDecimal.valueOf(successesA)) == 0);

        // (b) the same reservation through stock-adjust: POST /events with psi.sales-order.placed.v1
        long warmB = n(500);
        long measureB = n(3_000);
        long productB = productIds.get("HOT-HTTP");
        // The orders exist (PLACED), so that what stock-adjust emits downstream (stock.reserved -> order-workflow
        // confirms) is the real path, not a stream of dead letters for unknown orders.
        insertOrders("BX-", warmB + measureB, customerIds.get("CUS-1B"), warehouse, productB);
        log("1b: POST /events to stock-adjust, %d clients", CLIENTS);
        URI stock = system.uri("stock-adjust");
        var applied = new AtomicLong();
        Load.Op event = (client, seq) -> {
            String number = String.format("BX-%07d", seq);
            String id = UUID.randomUUID().toString();
            String body = "{\"eventId\":\"" + id + "\",\"tenantId\":\"" + tenant + "\",\"aggregateId\":\"" + number
                    + "\",\"occurredAt\":\"" + Instant.now() + "\",\"orderNumber\":\"" + number
                    + "\",\"customerCode\":\"CUS-1B\",\"warehouseCode\":\"WH1\",\"lines\":[{\"sku\":\"HOT-HTTP\","
                    + "\"quantity\":1,\"unitPrice\":2.50}]}";
            var response = http.post(stock, "/events", body, Map.of("ce-specversion", "1.0", "ce-id", id,
                    "ce-type", "psi.sales-order.placed.v1", "ce-source", "/bench", "ce-tenantid", tenant,
                    "Authorization", "Bearer " + system.internalToken()));
            boolean ok = response.statusCode() == 200 && response.body().contains("\"outcome\":\"applied\"");
            if (ok) {
                applied.incrementAndGet();
            } else {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return true;
        };
        var sequence = new AtomicLong();
        Load.Op numbered = (client, seq) -> event.run(client, sequence.getAndIncrement());
        Load.run(CLIENTS, warmB, Duration.ofSeconds(15), numbered);
        locksBefore = rowLocks();
        cpuBefore = Cpu.snapshot();
        long measuredFrom = applied.get();
        var b = Load.run(CLIENTS, measureB, Duration.ofSeconds(30), numbered);
        cpuAfter = Cpu.snapshot();
        locksAfter = rowLocks();
        long lastPost = System.nanoTime();
        section.put("b", b);
        section.put("b.cpu", Cpu.describe(cpuBefore, cpuAfter, b.elapsed().toNanos() / 1e9));
        section.put("b.perop", Cpu.perOperation(cpuBefore, cpuAfter, b.succeeded()));
        section.put("b.locks", describeLocks(locksBefore, locksAfter, b));

        // Downstream: every stock.reserved is confirmed by order-workflow through Kafka; wait for it (bounded).
        long customer = customerIds.get("CUS-1B");
        long confirmed = waitUntil(Duration.ofSeconds(60), () ->
                count("SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ? AND customer_id = ? AND status = 'CONFIRMED'",
                        tenant, customer), applied.get());
        section.put("b.drain", String.format("%d of %d orders CONFIRMED downstream %.1f s after the last POST",
                confirmed, applied.get(), secondsSince(lastPost)));
        BigDecimal reservedB = decimal("SELECT reserved FROM stock WHERE tenant_id = ? AND product_id = ? AND warehouse_id = ?",
                tenant, productB, warehouse);
        long reservations = count("SELECT COUNT(*) FROM stock_reservations WHERE tenant_id = ? AND product_id = ?",
                tenant, productB);
        BigDecimal ledger = decimal("SELECT COALESCE(SUM(reserved_delta), 0) FROM stock_movements WHERE tenant_id = ?"
                + " AND product_id = ? AND warehouse_id = ?", tenant, productB, warehouse);
        boolean okB = reservedB.compareTo(BigDecimal.valueOf(applied.get())) == 0 && reservations == applied.get()
                && ledger.compareTo(reservedB) == 0;
        section.put("b.check", String.format("reserved %s = %d applied events (warm-up %d + measured %d) = %d reservation"
                        + " rows = ledger sum %s: %s", reservedB.stripTrailingZeros().toPlainString(), applied.get(),
                measuredFrom, applied.get() - measuredFrom, reservations, ledger.stripTrailingZeros().toPlainString(),
                okB ? "OK" : "MISMATCH"));
        section.put("b.ok", okB);

        // (c) the HTTP floor of (b): the same clients, path, credential and CloudEvent binding, a valid event of a type
        // stock-adjust has no route for, answered "ignored" before any transaction: no reservation can be cheaper
        log("1c: POST /events to stock-adjust of an event it ignores (the HTTP floor of 1b), %d clients", CLIENTS);
        Load.Op ignored = (client, seq) -> {
            String number = String.format("BI-%07d", seq);
            String id = UUID.randomUUID().toString();
            String body = "{\"eventId\":\"" + id + "\",\"tenantId\":\"" + tenant + "\",\"aggregateId\":\"" + number
                    + "\",\"occurredAt\":\"" + Instant.now() + "\",\"orderNumber\":\"" + number
                    + "\",\"supplierCode\":\"SUP-1\",\"warehouseCode\":\"WH1\",\"lines\":[{\"sku\":\"HOT-HTTP\","
                    + "\"quantity\":1,\"unitCost\":2.50}]}";
            var response = http.post(stock, "/events", body, Map.of("ce-specversion", "1.0", "ce-id", id,
                    "ce-type", "psi.purchase-order.submitted.v1", "ce-source", "/bench", "ce-tenantid", tenant,
                    "Authorization", "Bearer " + system.internalToken()));
            if (response.statusCode() != 200 || !response.body().contains("\"outcome\":\"ignored\"")) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return true;
        };
        Load.run(CLIENTS, n(500), Duration.ofSeconds(15), ignored);
        cpuBefore = Cpu.snapshot();
        var c = Load.run(CLIENTS, n(6_000), Duration.ofSeconds(20), ignored);
        cpuAfter = Cpu.snapshot();
        section.put("c", c);
        section.put("c.cpu", Cpu.describe(cpuBefore, cpuAfter, c.elapsed().toNanos() / 1e9));
        section.put("c.perop", Cpu.perOperation(cpuBefore, cpuAfter, c.succeeded()));
        BigDecimal reservedAfterC = decimal("SELECT reserved FROM stock WHERE tenant_id = ? AND product_id = ? AND warehouse_id = ?",
                tenant, productB, warehouse);
        section.put("c.check", String.format("reserved %s before and %s after (an ignored event changes nothing): %s",
                reservedB.stripTrailingZeros().toPlainString(), reservedAfterC.stripTrailingZeros().toPlainString(),
                reservedAfterC.compareTo(reservedB) == 0 ? "OK" : "MISMATCH"));
    }

    // ---------------------------------------------------------------- 2. inventory-query

    private void inventory() throws Exception {
        var section = report.section("inventory");
        URI query = system.uri("inventory-query");
        log("2: GET /api/inventory/{sku}, warm cache");
        Load.Op hit = (client, seq) -> http.get(query, "/api/inventory/INV-HIT").statusCode() == 200;
        Load.run(CLIENTS, n(2_000), Duration.ofSeconds(10), hit);
        var cpuBefore = Cpu.snapshot();
        var warm = Load.run(CLIENTS, n(15_000), Duration.ofSeconds(15), hit);
        var cpuAfter = Cpu.snapshot();
        section.put("hit", warm);
        section.put("hit.cpu", Cpu.describe(cpuBefore, cpuAfter, warm.elapsed().toNanos() / 1e9));
        var body = http.get(query, "/api/inventory/INV-HIT").body();
        section.put("hit.sample", body.length() > 400 ? body.substring(0, 400) + "..." : body);

        // Cache defeated: every request names a SKU nobody has read, with the same shape (3 warehouse rows).
        long warmMisses = n(300);
        long misses = n(3_000);
        log("2: seeding %d more SKUs with stock in 3 warehouses for the cache-miss run", warmMisses + misses);
        seedMissSkus(warmMisses + misses);
        var sequence = new AtomicLong();
        Load.Op miss = (client, seq) ->
                http.get(query, String.format("/api/inventory/MISS-%07d", sequence.getAndIncrement())).statusCode() == 200;
        log("2: GET /api/inventory/{sku}, a different SKU every request");
        Load.run(CLIENTS, warmMisses, Duration.ofSeconds(10), miss);
        cpuBefore = Cpu.snapshot();
        var cold = Load.run(CLIENTS, misses, Duration.ofSeconds(15), miss);
        cpuAfter = Cpu.snapshot();
        section.put("miss", cold);
        section.put("miss.cpu", Cpu.describe(cpuBefore, cpuAfter, cold.elapsed().toNanos() / 1e9));
    }

    private void seedMissSkus(long count) throws SQLException {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (var products = c.prepareStatement("INSERT INTO products (tenant_id, sku, name, unit, sale_price,"
                    + " purchase_price, created_at, updated_at) VALUES (?, ?, ?, 'pcs', 2.50, 1.00, ?, ?)")) {
                for (long i = 0; i < count; i++) {
                    String sku = String.format("MISS-%07d", i);
                    products.setString(1, tenant);
                    products.setString(2, sku);
                    products.setString(3, "Product " + sku);
                    products.setTimestamp(4, now);
                    products.setTimestamp(5, now);
                    products.addBatch();
                }
                products.executeBatch();
            }
            try (var stock = c.prepareStatement("INSERT INTO stock (tenant_id, product_id, warehouse_id, on_hand, reserved,"
                    + " average_cost, updated_at) SELECT p.tenant_id, p.id, w.id, 10 * w.id, 0, 1, ? FROM products p"
                    + " JOIN warehouses w ON w.tenant_id = p.tenant_id WHERE p.tenant_id = ? AND p.sku LIKE 'MISS-%'")) {
                stock.setTimestamp(1, now);
                stock.setString(2, tenant);
                stock.executeUpdate();
            }
            c.commit();
        }
    }

    // ---------------------------------------------------------------- 3. the sales chain

    private void chain() throws Exception {
        var section = report.section("chain");
        URI orders = system.uri("order-create");

        // 3a: one order at a time; each waits until CONFIRMED (or REJECTED) before the next is created.
        log("3a: sales orders one at a time");
        int warm = (int) n(10);
        int measured = (int) n(100);
        var createTimes = new ArrayList<Long>();
        var lowLoad = new ArrayList<String>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        var cpuBefore = Cpu.snapshot();
        long phaseStart = System.nanoTime();
        try (Connection c = connect();
             var status = c.prepareStatement("SELECT status FROM sales_orders WHERE tenant_id = ? AND number = ?")) {
            for (int i = 0; i < warm + measured && System.nanoTime() < deadline; i++) {
                long t = System.nanoTime();
                var response = http.post(orders, "/api/sales-orders", salesOrder(i < warm ? "CUS-WARM" : "CUS-LAT"));
                long took = System.nanoTime() - t;
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("create answered " + response.statusCode() + ": " + response.body());
                }
                String number = Http.field(response.body(), "number");
                if (i >= warm) {
                    createTimes.add(took);
                    lowLoad.add(number);
                }
                status.setString(1, tenant);
                status.setString(2, number);
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (System.nanoTime() < until) {
                    try (ResultSet rs = status.executeQuery()) {
                        if (rs.next() && !"PLACED".equals(rs.getString(1))) {
                            break;
                        }
                    }
                    Thread.sleep(2);
                }
            }
        }
        var cpuAfter = Cpu.snapshot();
        section.put("low.cpu", Cpu.describe(cpuBefore, cpuAfter, secondsSince(phaseStart)));
        section.put("low.create", Stats.of(createTimes.stream().mapToLong(Long::longValue).toArray()));
        var low = ChainTimes.load(this, lowLoad);
        section.put("low", low);
        section.put("low.expected", (long) measured);

        // 3b: throughput: 16 creators, then wait (bounded) until every order left PLACED.
        log("3b: warm-up, then %d sales orders from %d concurrent creators", n(500), CLIENTS);
        Load.Op warmCreate = (client, seq) ->
                http.post(orders, "/api/sales-orders", salesOrder("CUS-WARM")).statusCode() == 201;
        Load.run(CLIENTS, n(32), Duration.ofSeconds(30), warmCreate);
        Probe warmPlaced = () -> count("SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ? AND customer_id = ?"
                + " AND status = 'PLACED'", tenant, customerIds.get("CUS-WARM"));
        long warmStart = System.nanoTime();
        waitUntil(Duration.ofSeconds(15), () -> warmPlaced.value() == 0 ? 1 : 0, 1);
        section.put("warm.left", String.format("%d warm-up orders still PLACED after %.1f s of waiting",
                warmPlaced.value(), secondsSince(warmStart)));

        var numbers = new ConcurrentLinkedQueue<String>();
        Load.Op create = (client, seq) -> {
            var response = http.post(orders, "/api/sales-orders", salesOrder("CUS-TPUT"));
            if (response.statusCode() != 201) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            numbers.add(Http.field(response.body(), "number"));
            return true;
        };
        cpuBefore = Cpu.snapshot();
        long start = System.nanoTime();
        var creates = Load.run(CLIENTS, n(500), Duration.ofSeconds(60), create);
        long customer = customerIds.get("CUS-TPUT");
        long finished = waitUntil(Duration.ofSeconds(90), () -> count("SELECT COUNT(*) FROM sales_orders"
                + " WHERE tenant_id = ? AND customer_id = ? AND status <> 'PLACED'", tenant, customer), numbers.size());
        double wall = secondsSince(start);
        cpuAfter = Cpu.snapshot();
        section.put("tput.cpu", Cpu.describe(cpuBefore, cpuAfter, wall));
        section.put("tput.perop", Cpu.perOperation(cpuBefore, cpuAfter, finished));
        section.put("tput.creates", creates);
        section.put("tput.wall", wall);
        section.put("tput.finished", finished);
        section.put("tput", ChainTimes.load(this, new ArrayList<>(numbers)));
        section.put("tput.expected", creates.succeeded());
        section.put("tput.rejected", count("SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ? AND customer_id = ?"
                + " AND status = 'REJECTED'", tenant, customer));
    }

    private String salesOrder(String customer) {
        return "{\"customerCode\":\"" + customer + "\",\"warehouseCode\":\"WH1\",\"lines\":[{\"sku\":\"CHAIN\",\"quantity\":1}]}";
    }

    /** Orders that already exist (PLACED, one line of one unit), as order-create would have stored them. */
    private void insertOrders(String prefix, long count, long customer, long warehouse, long product) throws SQLException {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (var header = c.prepareStatement("INSERT INTO sales_orders (tenant_id, number, customer_id, warehouse_id,"
                    + " status, total_amount, created_at, updated_at) VALUES (?, ?, ?, ?, 'PLACED', 2.50, ?, ?)")) {
                for (long i = 0; i < count; i++) {
                    header.setString(1, tenant);
                    header.setString(2, String.format("%s%07d", prefix, i));
                    header.setLong(3, customer);
                    header.setLong(4, warehouse);
                    header.setTimestamp(5, now);
                    header.setTimestamp(6, now);
                    header.addBatch();
                }
                header.executeBatch();
            }
            try (var lines = c.prepareStatement("INSERT INTO sales_order_lines (tenant_id, order_id, line_no, product_id,"
                    + " quantity, unit_price) SELECT tenant_id, id, 1, ?, 1, 2.50 FROM sales_orders WHERE tenant_id = ?"
                    + " AND number LIKE ?")) {
                lines.setLong(1, product);
                lines.setString(2, tenant);
                lines.setString(3, prefix + "%");
                lines.executeUpdate();
            }
            c.commit();
        }
    }

    // ---------------------------------------------------------------- outbox diagnostics

    /**
     * How long events waited in the outbox (occurred to published), per type: milliseconds when the
     * after-commit publish works; seconds mean retries of a blocked aggregate, up to the sweep interval
     * means only the sweep published it.
     */
    private String outboxLagSummary() throws SQLException {
        var lags = new ArrayList<Long>();
        var late = new java.util.TreeMap<String, long[]>();
        try (Connection c = connect();
             var s = c.prepareStatement("SELECT event_type, occurred_at, published_at FROM outbox WHERE tenant_id = ?"
                     + " AND published_at IS NOT NULL")) {
            s.setString(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long lag = ChainTimes.micros(rs, 3) - ChainTimes.micros(rs, 2);
                    lags.add(lag);
                    if (lag > 1_000_000) {
                        long[] typeLate = late.computeIfAbsent(rs.getString(1), t -> new long[2]);
                        typeLate[0]++;
                        typeLate[1] = Math.max(typeLate[1], lag);
                    }
                }
            }
        }
        var stats = Stats.of(lags.stream().mapToLong(l -> l * 1_000).toArray());
        var lateText = new StringBuilder();
        late.forEach((type, v) -> lateText.append(lateText.length() == 0 ? "" : ", ")
                .append(String.format("%d `%s` (longest %.1f s)", v[0], type, v[1] / 1e6)));
        return String.format("%d events published; occurred → published p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " published more than 1 s after they occurred: %s (the sweep runs every %d s)", lags.size(),
                stats.p50Ms(), stats.p99Ms(), stats.maxMs(), lateText.length() == 0 ? "none" : lateText,
                SWEEP_EVERY.toSeconds());
    }

    /** What the functions logged: warnings, errors, and event deliveries answered with a retryable failure. */
    private void functionLogs() {
        var summary = new StringBuilder();
        for (String function : LocalSystem.FUNCTIONS) {
            Path log = root.resolve("bench/target/run/logs").resolve(function + ".log");
            try (var lines = Files.lines(log)) {
                long[] n = new long[4];
                lines.forEach(line -> {
                    if (line.contains(" WARN ")) {
                        n[0]++;
                    }
                    if (line.contains(" ERROR ")) {
                        n[1]++;
                    }
                    if (line.contains("failed, the sender will retry")) {
                        n[2]++;
                        if (line.contains("Deadlock")) {
                            n[3]++;
                        }
                    }
                });
                summary.append(summary.length() == 0 ? "" : "; ").append(String.format(
                        "%s: %d WARN, %d ERROR, %d event deliveries answered 5xx (%d of them deadlocks)",
                        function, n[0], n[1], n[2], n[3]));
            } catch (IOException | java.io.UncheckedIOException e) {
                summary.append(summary.length() == 0 ? "" : "; ").append(function).append(": no log");
            }
        }
        report.fact("function logs (`bench/target/run/logs/*.log`)", summary.toString());
    }

    // ---------------------------------------------------------------- helpers

    /** InnoDB's server-wide row-lock counters: waits, total wait milliseconds. */
    private long[] rowLocks() throws SQLException {
        long[] values = new long[2];
        try (Connection c = connect(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_row_lock_waits',"
                     + " 'Innodb_row_lock_time')")) {
            while (rs.next()) {
                values[rs.getString(1).equalsIgnoreCase("Innodb_row_lock_waits") ? 0 : 1] = rs.getLong(2);
            }
        }
        return values;
    }

    private static String describeLocks(long[] before, long[] after, Load.Result run) {
        long waits = after[0] - before[0];
        long millis = after[1] - before[1];
        return String.format("%d row-lock waits (%.0f %% of the %d operations), %.1f s waited in all, %.2f ms per"
                        + " operation on average (server-wide counters: other databases' waits would count too)",
                waits, 100.0 * waits / Math.max(1, run.finished()), run.finished(), millis / 1e3,
                millis / (double) Math.max(1, run.finished()));
    }

    @FunctionalInterface
    interface Probe {
        long value() throws Exception;
    }

    /** Polls every 20 ms until {@code probe} reaches {@code target} or {@code limit} passed; returns the last value. */
    private static long waitUntil(Duration limit, Probe probe, long target) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long value = probe.value();
        while (value < target && System.nanoTime() < deadline) {
            Thread.sleep(20);
            value = probe.value();
        }
        return value;
    }

    long n(long base) {
        return Math.max(1, Math.round(base * scale));
    }

    String tenant() {
        return tenant;
    }

    String databaseName() {
        return db.name();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    private void exec(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); var s = c.prepareStatement(sql)) {
            bind(s, args);
            s.executeUpdate();
        }
    }

    private long id(String sql, Object... args) throws SQLException {
        return count(sql, args);
    }

    long count(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); var s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row for " + sql);
                }
                return rs.getLong(1);
            }
        }
    }

    private BigDecimal decimal(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); var s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }

    private void cleanRedis() {
        try (var redis = new Redis(redisHost, redisPort)) {
            long removed = redis.deleteMatching("psi:" + tenant + ":*") + redis.deleteMatching("gen:psi:" + tenant + ":*");
            log("removed %d Redis keys of tenant %s", removed, tenant);
        } catch (IOException | RuntimeException e) {
            log("could not clean Redis: %s", e);
        }
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench %s] %s%n", DateTimeFormatter.ISO_LOCAL_TIME.format(LocalDateTime.now()).substring(0, 8),
                String.format(format, args));
    }

    /** Ordered key-value results of one benchmark, read by the report. */
    static final class Section extends LinkedHashMap<String, Object> {
    }
}
