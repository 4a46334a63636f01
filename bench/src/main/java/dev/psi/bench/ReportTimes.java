package dev.psi.bench;

import dev.psi.schema.DatabaseSettings;
import dev.psi.schema.Migrator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports over a year of generated data (issue 14): a database of its own with P products (default 3,000),
 * 20 customers and suppliers, 2 warehouses, a purchase order per supplier and month received line by line, and
 * 52,000 sales orders of 19 lines shipped in one movement each over 2025 (as stock-adjust writes them: with the
 * revenue each shipment books), one unit of every 100th line returned: about 1.03 million ledger rows. Then
 * functions/reports/target/reports.jar runs as its own process on that database and every report is timed over
 * HTTP (sequential requests, one warm-up, then N timed), first with the schema's indexes for reports (the
 * migrations V7_1 and V11), then again with them dropped, to show what they buy. The result replaces the "Reports"
 * block of BENCHMARKS.md. The data is written by INSERT ... SELECT on the server (a digits table cross-joined),
 * so the generation costs seconds, not a million round trips.
 *
 * <p>Arguments: {@code --root DIR}, {@code --products P}, {@code --orders N}, {@code --runs N},
 * {@code --warmups N}, {@code --keep-database}, {@code --database NAME} (reuse a kept one). Database from the DATABASE_* variables (default 127.0.0.1:3306 root).
 */
public final class ReportTimes {

    static final String BEGIN = "<!-- BEGIN reports (issue 14; written by bench/reports.sh) -->";
    static final String END = "<!-- END reports -->";
    static final String TENANT = "bench";
    /** The indexes V7_1__report_indexes.sql adds. */
    static final List<String> REPORT_INDEXES = List.of("ix_movements_report", "ix_movements_valuation");

    private final Path root;
    private final int products;
    private final int orders;
    private final int runs;
    private final int warmups;
    private final boolean keep;
    private final boolean reuse;
    private final DatabaseSettings db;

    private ReportTimes(Map<String, String> options) {
        root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        products = Integer.parseInt(options.getOrDefault("products", "3000"));
        orders = Integer.parseInt(options.getOrDefault("orders", "52000"));
        runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        warmups = Integer.parseInt(options.getOrDefault("warmups", "1"));
        String stamp = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        // --database NAME reuses a database an earlier run generated and kept (its indexes as V7_1 made them)
        reuse = options.containsKey("database");
        keep = options.containsKey("keep-database") || reuse;
        db = DatabaseSettings.fromEnvironment().withName(options.getOrDefault("database", "psi_bench_reports_" + stamp));
    }

    public static void main(String[] args) throws Exception {
        var options = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            options.put(name, name.equals("keep-database") ? "true" : args[++i]);
        }
        new ReportTimes(options).run();
    }

    /** The reports timed, by the path and query a client sends. */
    static final List<String> REPORTS = List.of(
            "/api/reports/sales?from=2025-01-01&to=2025-12-31&groupBy=day",
            "/api/reports/sales?from=2025-01-01&to=2025-12-31&groupBy=month",
            "/api/reports/sales?from=2025-01-01&to=2025-12-31&groupBy=product",
            "/api/reports/sales?from=2025-01-01&to=2025-12-31&groupBy=customer",
            "/api/reports/sales?from=2025-01-01&to=2025-12-31&groupBy=warehouse",
            "/api/reports/sales?from=2025-06-01&to=2025-06-30&groupBy=product",
            "/api/reports/sales?from=2025-01-16&to=2025-12-15&groupBy=product",
            "/api/reports/purchases?from=2025-01-01&to=2025-12-31&groupBy=supplier",
            "/api/reports/purchases?from=2025-01-01&to=2025-12-31&groupBy=product",
            "/api/reports/gross-profit?from=2025-01-01&to=2025-12-31&groupBy=product",
            "/api/reports/gross-profit?from=2025-01-01&to=2025-12-31&groupBy=order",
            "/api/reports/gross-profit?from=2025-06-01&to=2025-06-30&groupBy=product",
            "/api/reports/gross-profit?from=2025-01-16&to=2025-12-15&groupBy=order",
            "/api/reports/inventory-valuation?asOf=2025-06-30",
            "/api/reports/inventory-valuation?asOf=2025-12-31",
            "/api/reports/inventory-turnover?from=2025-01-01&to=2025-12-31",
            "/api/reports/slow-moving?asOf=2025-12-31&days=90",
            "/api/reports/sales?from=2025-01-01&to=2025-12-31&groupBy=product&format=csv");

    /** The sales and gross-profit reports timed again with the month sums switched off: the ledger alone. */
    static final List<String> SUMMED = List.of(
            "/api/reports/sales?from=2025-01-01&to=2025-12-31&groupBy=day",
            "/api/reports/sales?from=2025-01-01&to=2025-12-31&groupBy=product",
            "/api/reports/sales?from=2025-01-01&to=2025-12-31&groupBy=customer",
            "/api/reports/gross-profit?from=2025-01-01&to=2025-12-31&groupBy=product",
            "/api/reports/gross-profit?from=2025-01-01&to=2025-12-31&groupBy=order");

    /** The reports timed again without the report indexes (a subset: each takes tens of seconds on a loaded box). */
    static final List<String> COMPARED = List.of(
            // (the sales and gross-profit reports name ix_movements_report: they cannot run without it)
            "/api/reports/purchases?from=2025-01-01&to=2025-12-31&groupBy=supplier",
            "/api/reports/inventory-valuation?asOf=2025-06-30",
            "/api/reports/slow-moving?asOf=2025-12-31&days=90");

    private void run() throws Exception {
        long started = System.nanoTime();
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        Process function = null;
        try {
            long t = System.nanoTime();
            if (!reuse) {
                Migrator.migrate(db);
            }
            long ledgerRows = reuse ? count("SELECT COUNT(*) FROM stock_movements") : generate();
            double generation = reuse ? -1 : seconds(t);
            log("generated %,d ledger rows in %.0f s", ledgerRows, generation);
            // A kept database is timed as a fresh one: the month sums are written again by the first report.
            exec("DELETE FROM sales_rollups WHERE tenant_id = ?", TENANT);
            exec("DELETE FROM sales_rollup_months WHERE tenant_id = ?", TENANT);
            int port = freePort();
            function = start(port, true);
            var with = time(port, REPORTS);
            stop(function);
            function = start(port, false);
            var ledgerAlone = time(port, SUMMED);
            for (String index : REPORT_INDEXES) {
                exec("ALTER TABLE stock_movements DROP INDEX " + index);
            }
            exec("ANALYZE TABLE stock_movements");
            var without = time(port, COMPARED);
            write(ledgerRows, generation, load, with, ledgerAlone, without, seconds(started));
        } finally {
            if (function != null) {
                stop(function);
            }
            if (!keep) {
                Migrator.dropDatabase(db);
            }
        }
    }

    // ---------------------------------------------------------------- data

    private long generate() throws SQLException {
        log("generating %d products, %d sales orders in %s", products, orders, db);
        String now = "'2025-01-01 00:00:00'";
        exec("CREATE TABLE bench_n (n INT NOT NULL PRIMARY KEY)");
        exec("INSERT INTO bench_n SELECT a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d + 100000 * f.d"
                + " FROM " + digits("a") + " CROSS JOIN " + digits("b") + " CROSS JOIN " + digits("c") + " CROSS JOIN "
                + digits("d") + " CROSS JOIN " + digits("e") + " CROSS JOIN " + digits("f"));
        exec("INSERT INTO tenants (id, name) VALUES (?, 'Report benchmark')", TENANT);
        exec("INSERT INTO warehouses (id, tenant_id, code, name, created_at, updated_at) SELECT n + 1, ?, CONCAT('WH', n + 1),"
                + " CONCAT('Warehouse ', n + 1), " + now + ", " + now + " FROM bench_n WHERE n < 2", TENANT);
        for (String partner : List.of("customers", "suppliers")) {
            exec("INSERT INTO " + partner + " (id, tenant_id, code, name, created_at, updated_at) SELECT n + 1, ?,"
                    + " CONCAT('" + partner.substring(0, 3).toUpperCase() + "-', n), CONCAT('" + partner + " ', n), "
                    + now + ", " + now + " FROM bench_n WHERE n < 20", TENANT);
        }
        // Product n: bought from supplier n % 20 at 1.00 + (n % 50) / 10, sold at 1.6 x that.
        exec("INSERT INTO products (id, tenant_id, sku, name, unit, category, purchase_price, sale_price, reorder_point,"
                + " reorder_quantity, preferred_supplier_id, active, created_at, updated_at) SELECT n + 1, ?,"
                + " CONCAT('P', LPAD(n, 5, '0')), CONCAT('Product ', n), 'pcs', CONCAT('cat-', n % 30),"
                + " 1.00 + (n % 50) / 10, ROUND((1.00 + (n % 50) / 10) * 1.6, 2), 0, 0, n % 20 + 1, TRUE, "
                + now + ", " + now + " FROM bench_n WHERE n < ?", TENANT, products);
        // Purchases: per supplier and month one order into WH1 (even suppliers) or WH2, received on the 1st.
        exec("INSERT INTO purchase_orders (id, tenant_id, number, supplier_id, warehouse_id, status, total_amount,"
                + " created_at, updated_at) SELECT n + 1, ?, CONCAT('PO-', n), n % 20 + 1, n % 2 + 1, 'RECEIVED', 0,"
                + " DATE_ADD('2025-01-01', INTERVAL n DIV 20 MONTH), DATE_ADD('2025-01-01', INTERVAL n DIV 20 MONTH)"
                + " FROM bench_n WHERE n < 240", TENANT);
        exec("INSERT INTO purchase_order_lines (id, tenant_id, order_id, line_no, product_id, quantity, unit_price,"
                + " received_quantity) SELECT o.id * 100000 + p.id, ?, o.id, p.id, p.id, 400, p.purchase_price, 400"
                + " FROM purchase_orders o JOIN products p ON p.preferred_supplier_id = o.supplier_id", TENANT);
        exec("INSERT INTO stock_movements (tenant_id, product_id, warehouse_id, movement_type, on_hand_delta, reserved_delta,"
                + " unit_cost, value_delta, on_hand_after, reserved_after, average_cost_after, reference_type,"
                + " reference_number, created_at) SELECT ?, l.product_id, o.warehouse_id, 'RECEIPT', l.quantity, 0,"
                + " l.unit_price, l.quantity * l.unit_price, 0, 0, l.unit_price, 'PURCHASE_ORDER', o.number,"
                + " DATE_ADD(o.created_at, INTERVAL 8 HOUR) FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id",
                TENANT);
        // Sales: order n at n / orders of the year, customer n % 20; 19 distinct products per order (158 j apart),
        // quantity 1 + (n + j) % 5, each line shipped once from the warehouse its product is bought into.
        exec("INSERT INTO sales_orders (id, tenant_id, number, customer_id, warehouse_id, status, total_amount, created_at,"
                + " updated_at) SELECT n + 1, ?, CONCAT('SO-', n), n % 20 + 1, n % 2 + 1, 'SHIPPED', 0,"
                + " DATE_ADD('2025-01-01 09:00:00', INTERVAL n * 31536000 DIV ? SECOND),"
                + " DATE_ADD('2025-01-01 09:00:00', INTERVAL n * 31536000 DIV ? SECOND) FROM bench_n WHERE n < ?",
                TENANT, orders, orders, orders);
        exec("INSERT INTO sales_order_lines (id, tenant_id, order_id, line_no, product_id, quantity, unit_price,"
                + " shipped_quantity, unit_cost) SELECT o.id * 19 + j.n, ?, o.id, j.n + 1, p.id, 1 + (o.id + j.n) % 5, p.sale_price,"
                + " 1 + (o.id + j.n) % 5, p.purchase_price FROM sales_orders o CROSS JOIN bench_n j"
                + " JOIN products p ON p.id = (o.id * 7 + j.n * 158) % ? + 1 WHERE j.n < 19", TENANT, products);
        exec("INSERT INTO stock_movements (tenant_id, product_id, warehouse_id, movement_type, on_hand_delta, reserved_delta,"
                + " unit_cost, value_delta, on_hand_after, reserved_after, average_cost_after, reference_type,"
                + " reference_number, net_amount, created_at) SELECT ?, l.product_id, (l.product_id - 1) % 2 + 1, 'ISSUE',"
                + " -l.quantity, -l.quantity, l.unit_cost, -l.quantity * l.unit_cost, 0, 0, l.unit_cost, 'SALES_ORDER', o.number,"
                + " ROUND(l.quantity * COALESCE(l.net_unit_price, l.unit_price), 2), DATE_ADD(o.created_at, INTERVAL 2 HOUR)"
                + " FROM sales_order_lines l JOIN sales_orders o ON o.id = l.order_id",
                TENANT);
        // Returns: one unit of every 100th line comes back ten days later (no amount on the row: the
        // report prices it by its order line, as stock-adjust leaves it).
        exec("INSERT INTO stock_movements (tenant_id, product_id, warehouse_id, movement_type, on_hand_delta, reserved_delta,"
                + " unit_cost, value_delta, on_hand_after, reserved_after, average_cost_after, reference_type,"
                + " reference_number, created_at) SELECT ?, l.product_id, (l.product_id - 1) % 2 + 1, 'RETURN_IN', 1, 0,"
                + " l.unit_cost, l.unit_cost, 0, 0, l.unit_cost, 'SALES_ORDER', o.number,"
                + " DATE_ADD(o.created_at, INTERVAL 10 DAY) FROM sales_order_lines l JOIN sales_orders o ON o.id = l.order_id"
                + " WHERE l.id % 100 = 0", TENANT);
        exec("DROP TABLE bench_n");
        exec("ANALYZE TABLE stock_movements, sales_orders, sales_order_lines, purchase_orders, purchase_order_lines, products");
        return count("SELECT COUNT(*) FROM stock_movements");
    }

    private static String digits(String alias) {
        return "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5"
                + " UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) " + alias;
    }

    // ---------------------------------------------------------------- timing

    private static void stop(Process function) throws InterruptedException {
        function.destroy();
        function.waitFor();
    }

    /** The reports function on the generated database; {@code monthSums} false: it sums the ledger alone. */
    private Process start(int port, boolean monthSums) throws Exception {
        Path jar = root.resolve("functions/reports/target/reports.jar");
        var builder = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar.toString());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("PSI_REPORTS_MONTH_SUMS", String.valueOf(monthSums));
        builder.environment().put("DATABASE_NAME", db.name());
        builder.environment().put("DATABASE_HOST", db.host());
        builder.environment().put("DATABASE_PORT", String.valueOf(db.port()));
        builder.environment().put("DATABASE_USER", db.user());
        builder.environment().put("DATABASE_PASSWORD", db.password() == null ? "" : db.password());
        builder.environment().put("PSI_AUTH_MODE", "local");
        Path log = root.resolve("bench/target/reports-function.log");
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        var client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("reports did not get ready; see " + log);
    }

    /**
     * Per report: rows answered, bytes, min / median / max milliseconds of {@code runs} requests after the
     * warm-ups, and the first request's milliseconds (the first sales report sums the year's months).
     */
    private Map<String, double[]> time(int port, List<String> reports) throws Exception {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var result = new LinkedHashMap<String, double[]>();
        for (String report : reports) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + report))
                    .header("X-Tenant-Id", TENANT).timeout(Duration.ofMinutes(5)).build();
            double first = -1;
            for (int i = 0; i < warmups; i++) {
                long t = System.nanoTime();
                client.send(request, HttpResponse.BodyHandlers.ofString());
                first = first < 0 ? (System.nanoTime() - t) / 1e6 : first;
            }
            double[] ms = new double[runs];
            HttpResponse<String> warm = null;
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                warm = client.send(request, HttpResponse.BodyHandlers.ofString());
                ms[i] = (System.nanoTime() - t) / 1e6;
                if (warm.statusCode() != 200) {
                    throw new IllegalStateException(report + " answered " + warm.statusCode() + ": " + warm.body());
                }
            }
            Arrays.sort(ms);
            String body = warm.body();
            double rows = report.contains("format=csv") ? body.lines().count() - 1
                    : body.split("\"(key|sku)\":", -1).length - 1;
            result.put(report, new double[] {rows, body.length(), ms[0], ms[runs / 2], ms[runs - 1], first});
            log("%-90s %6.0f rows  median %8.1f ms", report, rows, ms[runs / 2]);
        }
        return result;
    }

    private void write(long ledgerRows, double generation, String loadBefore, Map<String, double[]> with,
                       Map<String, double[]> ledgerAlone, Map<String, double[]> without, double total) throws IOException {
        var md = new StringBuilder(BEGIN).append('\n');
        md.append("## Reports (issue 14)\n\n");
        md.append(String.format("Written by `bench/reports.sh` (`dev.psi.bench.ReportTimes`) on %s UTC: a database of its own with"
                + " %,d products, 2 warehouses, 20 customers and suppliers, 240 purchase orders received line by line and %,d"
                + " sales orders of 19 lines shipped over 2025, one unit of every 100th line returned: **%,d ledger rows** (generated server-side in %.0f s; -1: a kept database reused). The reports"
                + " function ran as its own JVM (`-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m`) on that database;"
                + " each report was requested %d time(s) to warm up, then %d times in a row; milliseconds from request to the"
                + " last byte. Machine: the shared, noisy 2-core box of the runs above (load average %s at the start,"
                + " %s at the end: other agents' builds ran beside it); read the columns as ratios.%n%n",
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(Instant.now()),
                products, orders, ledgerRows, generation, warmups, runs, loadBefore, Files.readString(Path.of("/proc/loadavg")).trim()));
        md.append(String.format("Database: %s with an InnoDB buffer pool of %s MiB. The ledger and the order lines with"
                + " their indexes are about 1 GB here: with a pool that holds them (as a reporting replica is sized) the"
                + " reports read memory; at MariaDB's default of 128 MiB every year report was disk-bound at about 20 s on"
                + " this machine (a measured run, stopped after three reports).%n%n", serverVersion(), bufferPoolMib()));
        md.append("Indexes: V7_1__report_indexes.sql adds, and V11__sales_amounts_on_the_ledger.sql extends by the"
                + " revenue stock-adjust books on each shipment, `ix_movements_report (tenant_id, movement_type, reference_type,"
                + " created_at, reference_number, product_id, warehouse_id, on_hand_delta, value_delta, net_amount)` (the"
                + " sales and profit reports sum the movements of their kind and period from the index alone, looking up"
                + " only a return's order line; the purchase reports join each receipt to its order line)"
                + " and `ix_movements_valuation (tenant_id, created_at, product_id, warehouse_id, movement_type, reference_type,"
                + " on_hand_delta, value_delta)`, which covers valuation, turnover and slow-moving (they sum every movement"
                + " up to a date per product without touching the table rows). The last columns: some of the same reports"
                + " after `DROP INDEX` of both, with only the V1-V6 indexes (– not measured).\n\n");
        md.append("Month sums: V13__sales_rollups.sql. The sales and gross-profit reports read each ended calendar month a"
                + " period covers whole from its sums per day, product, warehouse and order (`sales_rollups`), which the first"
                + " report that needs a month writes once (the database starts without them: the \"first request\" column of"
                + " the first sales report is that summing of all twelve months of 2025), and sum only the days around them"
                + " from the ledger (the 01-16..12-15 rows: two half months from the ledger, ten months from the sums). \"Ledger"
                + " alone\": the same reports from a second reports JVM with `PSI_REPORTS_MONTH_SUMS=false`, right after.\n\n");
        md.append("| report | rows | first request | min | median | max | ledger alone: median | × | without the indexes: median | × |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        with.forEach((report, w) -> {
            double[] l = ledgerAlone.get(report);
            double[] o = without.get(report);
            md.append(String.format("| `%s` | %.0f | %s | %.0f | %.0f | %.0f | %s | %s | %s | %s |%n", report.replace("/api/reports/", ""),
                    w[0], w[5] < 0 ? "–" : String.format("%.0f", w[5]), w[2], w[3], w[4],
                    l == null ? "–" : String.format("%.0f", l[3]), l == null ? "–" : String.format("%.1f", l[3] / w[3]),
                    o == null ? "–" : String.format("%.0f", o[3]),
                    o == null ? "–" : String.format("%.2f", o[3] / w[3])));
        });
        md.append(String.format("%nTotal run time %.0f s. Reproduce: `bench/reports.sh` (`--products`, `--orders`, `--runs`).%n", total));
        md.append(END).append('\n');
        Path file = root.resolve("BENCHMARKS.md");
        String previous = Files.exists(file) ? Files.readString(file) : "";
        Files.writeString(file, MarkedBlocks.put(previous, md.toString()));
        log("wrote the Reports block of %s", file);
    }

    // ---------------------------------------------------------------- plumbing

    private String serverVersion() {
        return scalar("SELECT VERSION()");
    }

    private String bufferPoolMib() {
        String bytes = scalar("SELECT @@innodb_buffer_pool_size");
        return bytes.chars().allMatch(Character::isDigit) ? String.valueOf(Long.parseLong(bytes) / (1024 * 1024)) : bytes;
    }

    private String scalar(String sql) {
        try (var connection = connect(); var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    private void exec(String sql, Object... args) throws SQLException {
        long t = System.nanoTime();
        try (var c = connect(); var s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.execute();
        }
        log("%5.1f s  %s", seconds(t), sql.length() > 90 ? sql.substring(0, 90) + " ..." : sql);
    }

    private long count(String sql) throws SQLException {
        try (var c = connect(); var s = c.createStatement(); var r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.println("[reports-bench] " + String.format(format, args));
    }
}
