package dev.psi.bench;

import dev.psi.local.JvmFlags;
import dev.psi.local.LocalSystem;
import dev.psi.schema.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * BENCHMARKS.md: machine facts, one table per benchmark with its interpretation, and the key
 * figures of the last runs side by side (kept in an HTML comment of the file itself, so that
 * running twice shows how much the figures vary). A hand-written block between
 * {@code <!-- notes:begin -->} and {@code <!-- notes:end -->} survives regeneration.
 */
final class Report {

    private static final String HISTORY_BEGIN = "<!-- bench-history (one line per run; read by the next run)";
    private static final String HISTORY_END = "-->";
    private static final String NOTES_BEGIN = "<!-- notes:begin -->";
    private static final String NOTES_END = "<!-- notes:end -->";
    private static final int KEEP_RUNS = 6;

    /** Key figures compared across runs: key, label. */
    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("hot.a.ops", "1a guarded UPDATE, ops/s");
        KEYS.put("hot.a.p99", "1a guarded UPDATE, p99 ms");
        KEYS.put("hot.b.ops", "1b stock-adjust POST /events, ops/s");
        KEYS.put("hot.b.p99", "1b stock-adjust POST /events, p99 ms");
        KEYS.put("hot.ratio", "1 ratio (b)/(a) throughput");
        KEYS.put("hot.c.ops", "1c HTTP floor of (b) (ignored event), ops/s");
        KEYS.put("inv.hit.rps", "2 warm cache, req/s");
        KEYS.put("inv.hit.p99", "2 warm cache, p99 ms");
        KEYS.put("inv.miss.rps", "2 every request a miss, req/s");
        KEYS.put("inv.miss.p99", "2 every request a miss, p99 ms");
        KEYS.put("chain.low.p50", "3a chain one at a time, p50 ms");
        KEYS.put("chain.low.p99", "3a chain one at a time, p99 ms");
        KEYS.put("chain.tput.ops", "3b chain, 16 creators, orders/s (DB span)");
        KEYS.put("chain.tput.ops99", "3b chain, 16 creators, orders/s until 99 % confirmed");
        KEYS.put("chain.tput.p99", "3b chain, 16 creators, p99 ms");
    }

    private final Path file;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final Map<String, Benchmarks.Section> sections = new LinkedHashMap<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final String runStamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC)
            .format(Instant.now());
    private String outbox = "";
    private String scale = "1";
    private int partitions = LocalSystem.DEFAULT_PARTITIONS;

    Report(Path file) {
        this.file = file;
    }

    void fact(String name, String value) {
        facts.put(name, value);
    }

    Benchmarks.Section section(String name) {
        return sections.computeIfAbsent(name, n -> new Benchmarks.Section());
    }

    void outboxAndDeadLetters(long pending, long deadLetters, String lag) {
        outbox = String.format("Outbox after the run: %d rows still unpublished; %s. Dead letters: %d.", pending, lag,
                deadLetters);
    }

    void machine(Path root, DatabaseSettings db, String redisHost, int redisPort, double scale, int partitions) {
        this.scale = scale == 1 ? "1" : String.valueOf(scale);
        this.partitions = partitions;
        fact("date", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.now()));
        fact("cores (`nproc`)", String.valueOf(Runtime.getRuntime().availableProcessors()));
        fact("CPU", firstLine("/proc/cpuinfo", "model name"));
        fact("memory", firstLine("/proc/meminfo", "MemTotal"));
        fact("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (every process of the run)");
        try (var c = DriverManager.getConnection(db.serverUrl(), db.user(), db.password());
             var s = c.createStatement();
             var rs = s.executeQuery("SELECT VERSION(), @@innodb_flush_log_at_trx_commit, @@log_bin, @@innodb_buffer_pool_size")) {
            rs.next();
            fact("MariaDB", String.format("%s on %s:%d; innodb_flush_log_at_trx_commit=%s (fsync per commit), log_bin=%s,"
                    + " buffer pool %d MiB", rs.getString(1), db.host(), db.port(), rs.getString(2), rs.getString(3),
                    rs.getLong(4) >> 20));
        } catch (SQLException e) {
            fact("MariaDB", "unknown (" + e.getMessage() + ")");
        }
        try (var redis = new Redis(redisHost, redisPort)) {
            fact("Redis", redis.version() + " on " + redisHost + ":" + redisPort);
        } catch (IOException | RuntimeException e) {
            fact("Redis", "unknown (" + e.getMessage() + ")");
        }
        fact("Kafka", "one KRaft broker (its own JVM, started by LocalSystem), " + partitions + " partitions per topic");
        fact("functions", LocalSystem.FUNCTIONS.size() + " JVMs as LocalSystem starts them (" + String.join(", ",
                LocalSystem.FUNCTIONS) + "): `" + String.join(" ", JvmFlags.of(root)) + "`, 10 database"
                + " connections each; the dispatcher runs inside the benchmark JVM");
        fact("machine shared?", "yes: a shared, noisy 2-core machine (other builds and tests run beside it). The load"
                + " average and each benchmark's CPU line below show how busy it was; read the tables as ratios within"
                + " one run, not as absolute capacity");
        fact("load average at start", firstLine("/proc/loadavg", ""));
        fact("reproduce", "`bench/run.sh` (add `-o` to build offline)" + (scale != 1 ? "; this run used --scale " + scale : ""));
    }

    void write() throws IOException {
        fact("load average at end", firstLine("/proc/loadavg", ""));
        collectMetrics();
        String previous = Files.exists(file) ? Files.readString(file) : "";
        // Runs at another --scale stay in the file but are compared only with runs at their own scale.
        List<String> all = new ArrayList<>(history(previous));
        all.add(historyLine());
        List<String> history = all.stream().filter(line -> scaleOf(line).equals(scale)).toList();
        while (history.size() > KEEP_RUNS) {
            all.remove(history.get(0));
            history = all.stream().filter(line -> scaleOf(line).equals(scale)).toList();
        }
        var md = new StringBuilder();
        md.append("# PSI benchmarks\n\n");
        md.append("Written by `bench/run.sh` (`dev.psi.bench.Benchmarks`): every figure below was measured by the run"
                + " it names; nothing is typed in by hand except the notes block. One run creates its own database,"
                + " starts the whole system with `LocalSystem` (the " + LocalSystem.FUNCTIONS.size() + " functions as processes, a Kafka broker, the"
                + " dispatcher that delivers as the KafkaSources in `knative/` declare, the outbox sweep only every "
                + Benchmarks.SWEEP_EVERY.toSeconds() + " s so that the after-commit path is what is measured), runs the"
                + " three benchmarks, then stops everything and drops the database. Clients are closed-loop:"
                + " each of the " + Benchmarks.CLIENTS + " clients sends its next request when the previous one"
                + " answered; every phase has a warm-up that is not counted. Latencies in milliseconds; percentiles"
                + " are nearest-rank.\n\n");
        md.append("## Machine and run\n\n| | |\n|---|---|\n");
        facts.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');
        hot(md);
        inventory(md);
        chain(md);
        variation(md, history);
        md.append("## Notes\n\n").append(NOTES_BEGIN).append('\n').append(notes(previous)).append(NOTES_END).append("\n\n");
        md.append(HISTORY_BEGIN).append('\n');
        all.forEach(line -> md.append(line).append('\n'));
        md.append(HISTORY_END).append('\n');
        String carried = carriedOver(previous);
        if (!carried.isEmpty()) {
            md.append('\n').append(carried);
        }
        Files.writeString(file, md.toString());
    }

    /**
     * What this report does not own, kept as it was: this report owns the file from its start to the end of the
     * history comment; everything after that (the blocks other benchmarks write, such as the cold-start and
     * reports blocks, and whatever was written by hand around them) stays, and so does any marked block
     * ({@link MarkedBlocks}) found inside the owned part, moved to the front of what follows.
     */
    static String carriedOver(String previous) {
        int begin = previous.indexOf(HISTORY_BEGIN);
        int end = begin < 0 ? -1 : previous.indexOf(HISTORY_END, begin + HISTORY_BEGIN.length());
        String owned = end < 0 ? previous : previous.substring(0, end + HISTORY_END.length());
        String tail = end < 0 ? "" : previous.substring(end + HISTORY_END.length()).replaceFirst("^\\n+", "");
        var carried = new StringBuilder();
        String notes = notes(owned);
        for (String block : MarkedBlocks.all(owned)) {
            if (!notes.contains(block) && !tail.contains(block)) {
                carried.append(block.endsWith("\n") ? block : block + "\n").append('\n');
            }
        }
        return carried.append(tail).toString();
    }

    // ---------------------------------------------------------------- sections

    /** Issue 12's sales-chain target: orders confirmed per second with 16 creators. */
    private static final int CHAIN_TARGET = 500;

    private void hot(StringBuilder md) {
        var s = sections.get("hot");
        if (s == null) {
            return;
        }
        var a = (Load.Result) s.get("a");
        var b = (Load.Result) s.get("b");
        md.append("## 1. Hot-SKU reservations: one stock row, ").append(Benchmarks.CLIENTS).append(" clients\n\n");
        md.append("Each side has its own stock row of the same shape (created by a stock-adjust adjustment of"
                + " 1,000,000 units, same warehouse), and each operation reserves one unit of it.\n\n");
        md.append("| path | one operation | measured ops | ops/s | p50 | p95 | p99 | max | failed |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        row(md, "(a) guarded `UPDATE`, JDBC", "`UPDATE stock SET reserved = reserved + 1 WHERE … AND on_hand - reserved >= 1`,"
                + " autocommit, one connection per client", a);
        row(md, "(b) stock-adjust `POST /events`", "a `psi.sales-order.placed.v1` CloudEvent (binary mode, one line, one"
                + " unit, own order number and ce-id) over HTTP/1.1 keep-alive", b);
        var c = (Load.Result) s.get("c");
        if (c != null) {
            row(md, "(c) the HTTP floor of (b)", "the same clients, path, credential and CloudEvent binding; a valid"
                    + " `psi.purchase-order.submitted.v1`, which stock-adjust answers `ignored` before any transaction", c);
        }
        md.append('\n');
        md.append(String.format("**Ratio (b)/(a): throughput %.3f (%s), p50 latency ×%.1f, p99 latency ×%.1f.**%n%n",
                b.perSecond() / a.perSecond(), pct(b.perSecond() / a.perSecond()), b.stats().p50Ms() / a.stats().p50Ms(),
                b.stats().p99Ms() / a.stats().p99Ms()));
        md.append("- Correctness (a): ").append(s.get("a.check")).append('\n');
        md.append("- Correctness (b): ").append(s.get("b.check")).append('\n');
        md.append("- Downstream of (b): ").append(s.get("b.drain")).append(" (each reservation's `stock.reserved` goes"
                + " through Kafka to order-workflow, which confirms the pre-created PLACED order; that work overlaps"
                + " the measurement on the same cores).\n");
        md.append("- InnoDB row locks during (a): ").append(s.get("a.locks")).append('\n');
        md.append("- InnoDB row locks during (b): ").append(s.get("b.locks")).append('\n');
        md.append("- CPU during (a): ").append(s.get("a.cpu")).append('\n');
        md.append("- CPU during (b): ").append(s.get("b.cpu")).append('\n');
        if (c != null) {
            md.append("- CPU during (c): ").append(s.get("c.cpu")).append('\n');
            md.append("- Check (c): ").append(s.get("c.check")).append('\n');
        }
        var perA = (Cpu.PerOperation) s.get("a.perop");
        var perB = (Cpu.PerOperation) s.get("b.perop");
        var perC = (Cpu.PerOperation) s.get("c.perop");
        if (perA != null && perB != null) {
            md.append("- CPU per operation: (a) ").append(perA).append("; (b) ").append(perB);
            if (perC != null) {
                md.append("; (c) ").append(perC);
            }
            md.append('\n');
            int cores = Runtime.getRuntime().availableProcessors();
            double target = 0.5 * a.perSecond();
            double budget = cores * 1000.0 / target;
            md.append(String.format("- **The target's CPU budget.** 0.5 × (a) is %.0f reservations/s; %d cores carry that"
                    + " only if one reservation costs at most %d × 1000 / %.0f = %.2f ms of CPU, everything included"
                    + " (client, HTTP, function, database, Kafka, the consumers downstream). (b) costs %.2f ms"
                    + " (%.1f × the budget). Without the bench JVM (the %d clients and the dispatcher, which a"
                    + " deployment runs on other machines) the system itself spends %.2f ms per reservation (%.1f ×"
                    + " the budget: %s), so with clients and dispatcher for free %d cores would still carry at most"
                    + " %.0f reservations/s, %.2f × (a)", target, cores, cores, target, budget, perB.oursMs(),
                    perB.oursMs() / budget, Benchmarks.CLIENTS, perB.systemMs(), perB.systemMs() / budget,
                    perB.systemParts(), cores, cores * 1000.0 / perB.systemMs(),
                    cores * 1000.0 / perB.systemMs() / a.perSecond()));
            if (perC != null) {
                md.append(String.format("; (c), the HTTP request alone with no database, no Kafka and nothing"
                        + " downstream, costs %.2f ms (%.1f × the budget), %.2f ms of it in the system (%s)",
                        perC.oursMs(), perC.oursMs() / budget, perC.systemMs(), perC.systemParts()));
            }
            md.append(perB.systemMs() > budget ? ". The reservation's own work in the function, the database and"
                    + " the consumers downstream exceeds the budget: on this machine the target is out of reach"
                    + " whatever the client costs" : "");
            md.append(".\n");
        }
        md.append('\n');
        md.append("What bounds them. (a) is bounded by how long the one row stays locked, since every client queues"
                + " for it: it holds the lock for one statement and its commit (an fsync of the redo log that"
                + " concurrent commits share through group commit), all inside MariaDB, so the clients and MariaDB's"
                + " CPU are the limit. (b) is bounded by the row only while the row-lock line above shows waits; when"
                + " it shows none, the CPU per operation is the bound (the budget line above). (b) writes the inbox"
                + " row, the reservation row and the outbox row first and"
                + " takes the row last: the lock spans the guarded UPDATE, the read of the balance after it, the"
                + " ledger row and the commit. Deliveries for the same stock row that arrive while one is being"
                + " applied wait for it and then share one transaction (group commit, `PSI_GROUP_COMMIT_MAX`,"
                + " default 64): one guarded UPDATE for their sum, one multi-row ledger insert, one commit; member"
                + " by member when the sum does not fit. Around that transaction come HTTP, CloudEvent"
                + " and JSON binding, Hikari's pool of 10, and after the commit the Kafka publish and the Redis"
                + " invalidation; and the confirming order-workflow runs on the same cores (its transactions touch"
                + " the same product row: every stock-adjust insert S-locks it through its foreign keys, so any"
                + " X-lock on it there would queue behind the reservations; the function logs count deadlocks)."
                + " The ratio is the price of a reservation that is auditable (ledger), idempotent (inbox) and"
                + " announced (outbox) over a bare counter, on this machine.\n\n");
    }

    private void inventory(StringBuilder md) {
        var s = sections.get("inventory");
        if (s == null) {
            return;
        }
        var hit = (Load.Result) s.get("hit");
        var miss = (Load.Result) s.get("miss");
        md.append("## 2. inventory-query `GET /api/inventory/{sku}`, ").append(Benchmarks.CLIENTS).append(" clients\n\n");
        md.append("| cache | what was requested | measured requests | req/s | p50 | p95 | p99 | max | failed |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        row(md, "warm (hit)", "one SKU with stock in 3 warehouses, cached by the warm-up", hit);
        row(md, "defeated (miss)", "a different SKU on every request, each with stock in 3 warehouses (same shape),"
                + " never read before", miss);
        md.append('\n');
        md.append(String.format("**Hit vs miss: throughput ×%.2f, p50 latency ×%.2f, p99 latency ×%.2f.**%n%n",
                hit.perSecond() / miss.perSecond(), miss.stats().p50Ms() / hit.stats().p50Ms(),
                miss.stats().p99Ms() / hit.stats().p99Ms()));
        md.append("- CPU during the hits: ").append(s.get("hit.cpu")).append('\n');
        md.append("- CPU during the misses: ").append(s.get("miss.cpu")).append('\n');
        md.append("- The answer served: `").append(String.valueOf(s.get("hit.sample")).replace("`", "'")).append("`\n\n");
        md.append("What was compared: a hit is one Redis round trip (a Lua script returns the key's generation and the"
                + " entry filed under it) plus JSON decoding and encoding; a miss is the same Redis round trip, then a"
                + " read transaction on the primary (the product, then its stock rows joined to warehouses) and a"
                + " second Redis round trip to file the entry. The miss SKUs were inserted with SQL (products and"
                + " stock rows only, no ledger), which the read does not look at. With both, the bound is the"
                + " function's CPU (Micronaut's blocking pool, JSON) and the client's on 2 shared cores; a miss adds"
                + " MariaDB's share.\n\n");
    }

    private void chain(StringBuilder md) {
        var s = sections.get("chain");
        if (s == null) {
            return;
        }
        var low = (ChainTimes) s.get("low");
        var tput = (ChainTimes) s.get("tput");
        var creates = (Load.Result) s.get("tput.creates");
        var createLow = (Stats) s.get("low.create");
        md.append("## 3. The sales chain: HTTP create → CONFIRMED\n\n");
        md.append("`POST /api/sales-orders` (one line, one unit of a SKU with 1,000,000 on hand) → order-create stores"
                + " PLACED and publishes `sales-order.placed` → Kafka → dispatcher → stock-adjust `POST /events`"
                + " reserves and publishes `stock.reserved` → Kafka → dispatcher → order-workflow `POST /events` writes"
                + " CONFIRMED. Latency is `order_status_history.created_at` (CONFIRMED) minus `sales_orders.created_at`,"
                + " from the database, not from polling.\n\n");
        md.append("| load | orders | CONFIRMED | REJECTED | still PLACED | p50 | p95 | p99 | max | over 1 s |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append(String.format("| one at a time (each waits for the previous CONFIRMED) | %d | %d | %d | %d | %s | %s | %s | %s | %d |%n",
                low.orders(), low.confirmed(), low.rejected(), low.placed(), ms(low.endToEnd().p50Ms()),
                ms(low.endToEnd().p95Ms()), ms(low.endToEnd().p99Ms()), ms(low.endToEnd().maxMs()), low.slow()));
        md.append(String.format("| %d concurrent creators | %d | %d | %d | %d | %s | %s | %s | %s | %d |%n",
                Benchmarks.CLIENTS, tput.orders(), tput.confirmed(), tput.rejected(), tput.placed(),
                ms(tput.endToEnd().p50Ms()), ms(tput.endToEnd().p95Ms()), ms(tput.endToEnd().p99Ms()),
                ms(tput.endToEnd().maxMs()), tput.slow()));
        md.append('\n');
        md.append(String.format("**Throughput with %d creators: %.1f orders/s confirmed** (%d orders from the first create"
                        + " to the last CONFIRMED, by the database clocks: %.2f s). Until 99 %% were confirmed: %.1f orders/s"
                        + " (%d in %.2f s). Wall clock from the first create until the benchmark saw every order leave"
                        + " PLACED (polling every 20 ms): %.2f s.%n%n",
                Benchmarks.CLIENTS, tput.perSecond(), tput.confirmed(), tput.spanSeconds(), tput.perSecond99(),
                tput.first99(), tput.span99Seconds(), (Double) s.get("tput.wall")));
        md.append(String.format("- CONFIRMED vs expected: %d of %d one at a time, %d of %d concurrent (%d REJECTED, %d"
                        + " still PLACED when the wait ended). Warm-up before the concurrent run: %s.%n",
                low.confirmed(), (Long) s.get("low.expected"), tput.confirmed(), (Long) s.get("tput.expected"),
                tput.rejected(), tput.placed(), s.get("warm.left")));
        md.append(String.format("- The HTTP create alone (client side), one at a time: p50 %s, p99 %s ms. With %d"
                        + " creators: %.0f creates/s, p50 %s, p99 %s ms, %d failed.%n", ms(createLow.p50Ms()),
                ms(createLow.p99Ms()), Benchmarks.CLIENTS, creates.perSecond(), ms(creates.stats().p50Ms()),
                ms(creates.stats().p99Ms()), creates.failed()));
        md.append("- CPU one at a time: ").append(s.get("low.cpu")).append('\n');
        md.append("- CPU with ").append(Benchmarks.CLIENTS).append(" creators: ").append(s.get("tput.cpu")).append('\n');
        if (s.get("tput.perop") instanceof Cpu.PerOperation perOrder) {
            int cores = Runtime.getRuntime().availableProcessors();
            double budget = cores * 1000.0 / CHAIN_TARGET;
            md.append(String.format("- **CPU per order with %d creators: %s**, from the first create to the last end"
                    + " state. The target of %d orders/s on %d cores allows %.2f ms per order, everything included;"
                    + " this is %.1f × that, so at this cost %d cores carry at most %.0f orders/s.%n",
                    Benchmarks.CLIENTS, perOrder, CHAIN_TARGET, cores, budget, perOrder.oursMs() / budget, cores,
                    cores * 1000.0 / perOrder.oursMs()));
            md.append(String.format("- Without the bench JVM (the creators' clients and the dispatcher): %.2f ms per"
                    + " order in the system (%s), %.1f × the budget; at most %.0f orders/s on %d cores with clients"
                    + " and dispatcher for free.%n", perOrder.systemMs(), perOrder.systemParts(),
                    perOrder.systemMs() / budget, cores * 1000.0 / perOrder.systemMs(), cores));
        }
        md.append("- ").append(outbox).append("\n\n");
        md.append("Where the time goes (p50 / p95 ms of each stage, from the timestamps each step writes; a publisher"
                + " stamps `published_at` only after the broker's acknowledgement and its own UPDATE, so a consumer can"
                + " begin before it and a hop can come out negative):\n\n");
        md.append("| stage | one at a time p50 | p95 | concurrent p50 | p95 |\n|---|---:|---:|---:|---:|\n");
        var lowStages = ChainTimes.stages(low);
        var tputStages = ChainTimes.stages(tput);
        for (String stage : lowStages.keySet()) {
            Stats l = lowStages.get(stage);
            Stats t = tputStages.get(stage);
            md.append(String.format("| %s | %s | %s | %s | %s |%n", stage, ms(l.p50Ms()), ms(l.p95Ms()), ms(t.p50Ms()),
                    ms(t.p95Ms())));
        }
        md.append('\n');
        md.append("What bounds it. One order crosses 2 Kafka hops (produce with acks=all and `linger.ms=0`, then the"
                + " dispatcher's poll), 2 HTTP deliveries by the dispatcher and 3 database transactions (create,"
                + " reserve, confirm), each committed with an fsync, each followed by an outbox publish that waits for"
                + " the broker's acknowledgement before marking the row. At low load that sum is the latency. Under"
                + " load, every reservation of the one SKU queues on the same stock row (section 1), every create"
                + " takes the tenant's document-number row (`document_sequences`, one per tenant and year), and"
                + " the dispatcher delivers each partition's records one at a time (`ordering: ordered`, " + partitions
                + " partitions), so throughput is bounded by the slowest of these serial points, all sharing 2 cores."
                + " A latency near the sweep interval (" + Benchmarks.SWEEP_EVERY.toSeconds() + " s) would mean the"
                + " after-commit publish did not happen and the sweep carried the event.\n\n");
    }

    private void variation(StringBuilder md, List<String> history) {
        md.append("## Run-to-run variation\n\n");
        md.append("The key figures of the last ").append(history.size()).append(" run(s) of this file at this run's"
                + " scale, oldest first (a new run appends itself). Spread is max/min across the runs shown.\n\n");
        var runs = new ArrayList<Map<String, String>>();
        for (String line : history) {
            var values = new LinkedHashMap<String, String>();
            for (String part : line.split(" ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    values.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            runs.add(values);
        }
        md.append("| figure |");
        runs.forEach(r -> md.append(' ').append(r.getOrDefault("run", "?")).append(" |"));
        md.append(" spread |\n|---|");
        runs.forEach(r -> md.append("---:|"));
        md.append("---:|\n");
        for (var key : KEYS.entrySet()) {
            md.append("| ").append(key.getValue()).append(" |");
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (var run : runs) {
                String v = run.get(key.getKey());
                md.append(' ').append(v == null ? "—" : v).append(" |");
                if (v != null) {
                    double d = Double.parseDouble(v);
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
            }
            md.append(runs.size() > 1 && min > 0 && max >= min ? String.format(" ×%.2f |", max / min) : " — |").append('\n');
        }
        md.append('\n');
    }

    // ---------------------------------------------------------------- history and notes

    private void collectMetrics() {
        var hot = sections.get("hot");
        if (hot != null) {
            var a = (Load.Result) hot.get("a");
            var b = (Load.Result) hot.get("b");
            metrics.put("hot.a.ops", a.perSecond());
            metrics.put("hot.a.p99", a.stats().p99Ms());
            metrics.put("hot.b.ops", b.perSecond());
            metrics.put("hot.b.p99", b.stats().p99Ms());
            metrics.put("hot.ratio", b.perSecond() / a.perSecond());
            if (hot.get("c") instanceof Load.Result c) {
                metrics.put("hot.c.ops", c.perSecond());
            }
        }
        var inv = sections.get("inventory");
        if (inv != null) {
            var hit = (Load.Result) inv.get("hit");
            var miss = (Load.Result) inv.get("miss");
            metrics.put("inv.hit.rps", hit.perSecond());
            metrics.put("inv.hit.p99", hit.stats().p99Ms());
            metrics.put("inv.miss.rps", miss.perSecond());
            metrics.put("inv.miss.p99", miss.stats().p99Ms());
        }
        var chain = sections.get("chain");
        if (chain != null) {
            var low = (ChainTimes) chain.get("low");
            var tput = (ChainTimes) chain.get("tput");
            metrics.put("chain.low.p50", low.endToEnd().p50Ms());
            metrics.put("chain.low.p99", low.endToEnd().p99Ms());
            metrics.put("chain.tput.ops", tput.perSecond());
            metrics.put("chain.tput.ops99", tput.perSecond99());
            metrics.put("chain.tput.p99", tput.endToEnd().p99Ms());
        }
    }

    private String historyLine() {
        var line = new StringBuilder("run=").append(runStamp);
        if (!scale.equals("1")) {
            line.append(" scale=").append(scale);
        }
        metrics.forEach((k, v) -> line.append(' ').append(k).append('=').append(
                Double.isFinite(v) ? String.format(Locale.ROOT, v < 10 ? "%.3f" : "%.1f", v) : "NaN"));
        return line.toString();
    }

    private static String scaleOf(String line) {
        var m = Pattern.compile("(?:^| )scale=(\\S+)").matcher(line);
        return m.find() ? m.group(1) : "1";
    }

    private static List<String> history(String previous) {
        int begin = previous.indexOf(HISTORY_BEGIN);
        if (begin < 0) {
            return List.of();
        }
        int end = previous.indexOf(HISTORY_END, begin + HISTORY_BEGIN.length());
        String block = previous.substring(begin + HISTORY_BEGIN.length(), end < 0 ? previous.length() : end);
        return block.lines().map(String::trim).filter(l -> l.startsWith("run=")).toList();
    }

    private static String notes(String previous) {
        var m = Pattern.compile(Pattern.quote(NOTES_BEGIN) + "\\n?(.*?)" + Pattern.quote(NOTES_END), Pattern.DOTALL)
                .matcher(previous);
        if (m.find()) {
            return m.group(1);
        }
        return "(Hand-written observations go here; this block is kept when the file is regenerated.)\n";
    }

    // ---------------------------------------------------------------- formatting

    private static void row(StringBuilder md, String name, String what, Load.Result r) {
        Stats st = r.stats();
        md.append(String.format("| %s | %s | %d%s | %.0f | %s | %s | %s | %s | %d%s |%n", name, what, r.finished(),
                r.hitTimeLimit() ? " (time limit)" : "", r.perSecond(), ms(st.p50Ms()), ms(st.p95Ms()), ms(st.p99Ms()),
                ms(st.maxMs()), r.failed(), r.firstError() == null ? "" : " (first: " + r.firstError().replace("|", "/") + ")"));
    }

    private static String ms(double value) {
        if (!Double.isFinite(value)) {
            return "—";
        }
        return value < 10 ? String.format(Locale.ROOT, "%.2f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.1f %% of (a)", ratio * 100);
    }

    private static String firstLine(String path, String prefix) {
        try {
            for (String line : Files.readAllLines(Path.of(path))) {
                if (line.startsWith(prefix)) {
                    int colon = prefix.isEmpty() ? -1 : line.indexOf(':');
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown";
    }
}
