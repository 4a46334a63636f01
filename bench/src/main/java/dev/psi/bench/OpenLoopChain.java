package dev.psi.bench;

import dev.psi.local.LocalSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The sales chain under open-loop load (issue 12), beside its bare floor ({@link BareChainFloor}) on the same broker
 * and dispatcher: for each offered rate, a floor step, then a chain step at the same rate, each {@link OpenLoop}
 * (warm-up, measured part, bounded drain). The rates given are all run; after them the rate doubles while the
 * chain keeps up, up to a ceiling. A step that left orders unfinished ends the sweep. The result is one
 * {@link Sweep} per partition count (each on a system of its own, started by the caller), written as the
 * {@code chain-open-loop} block of BENCHMARKS.md.
 */
final class OpenLoopChain {

    static final String BEGIN = "<!-- BEGIN chain-open-loop (issue 12; written by bench/run.sh, --only chain-open-loop) -->";
    static final String END = "<!-- END chain-open-loop -->";

    /** The sweep's knobs (bench/run.sh options). */
    record Settings(List<Double> rates, double maxRate, Duration warmup, Duration measure, Duration drain,
                    int maxInFlight, Duration maxLag) {

        OpenLoop.Plan plan(double rate) {
            return new OpenLoop.Plan(rate, warmup, measure, maxInFlight, maxLag, drain);
        }
    }

    /** One offered rate: the floor's step and the chain's. */
    record Row(double rate, OpenLoop.Step floor, OpenLoop.Step chain, String locks, Stats admission, ChainTimes times) {
        double ratio() {
            return chain.p99Ms() / floor.p99Ms();
        }
    }

    /** One partition count's sweep and its checks. */
    record Sweep(int partitions, double startupSeconds, String loadStart, String loadEnd, List<Row> rows, String stop,
                 long chainCreated, long confirmed, long rejected, long stillPlaced, long outboxPending,
                 long deadLetters, long floorCreated, long floorCompleted, long floorDeadLetters) {
    }

    private OpenLoopChain() {
    }

    /** Issue 12's chain target, orders per second. */
    private static final int TARGET = 500;

    /**
     * What the CPU allows: the CPU per order of the chain and of the floor at the highest rate each kept up with
     * (below saturation the CPU while sending is the work those orders caused), the most the chain finished, and
     * whether the floor itself saturated below the target. No capacity is derived from a low-rate step's cost: the
     * system's fixed background is part of it.
     */
    static String cpuBound(Sweep s) {
        int cores = Runtime.getRuntime().availableProcessors();
        var chain = s.rows().stream().map(Row::chain).filter(step -> !step.saturated()).reduce((x, y) -> y);
        var floor = s.rows().stream().map(Row::floor).filter(step -> !step.saturated()).reduce((x, y) -> y);
        var md = new StringBuilder(String.format(Locale.ROOT, "- **CPU per order** (this run's processes, while"
                + " sending, at the highest rate that kept up): %d orders/s on %d cores allow %.2f ms.", TARGET, cores,
                cores * 1000.0 / TARGET));
        chain.ifPresentOrElse(step -> md.append(String.format(Locale.ROOT, " Chain at %.0f/s: %.2f ms (%.1f ×"
                        + " that; at a low rate the system's fixed background, spread over few orders, is part of it).",
                        step.offered(), step.cpuMsPerOrder(), step.cpuMsPerOrder() * TARGET / (cores * 1000.0))),
                () -> md.append(" Chain: saturated at every rate offered."));
        s.rows().stream().mapToDouble(r -> r.chain().achieved()).max().ifPresent(most -> md.append(String.format(
                Locale.ROOT, " The most the chain finished in any step: %.1f orders/s, %.3f of the target.", most,
                most / TARGET)));
        floor.ifPresentOrElse(step -> md.append(String.format(Locale.ROOT, " Floor (no database, no-op endpoints)"
                        + " at %.0f/s: %.2f ms.", step.offered(), step.cpuMsPerOrder())),
                () -> md.append(" Floor: saturated at every rate offered."));
        var floorSaturated = s.rows().stream().map(Row::floor).filter(OpenLoop.Step::saturated).findFirst();
        double floorMost = s.rows().stream().mapToDouble(r -> r.floor().achieved()).max().orElse(0);
        md.append(floorSaturated.map(step -> String.format(Locale.ROOT, " The floor saturated at %.0f/s offered and"
                + " finished at most %.1f orders/s%s.", step.offered(), floorMost, floorMost < 0.95 * TARGET
                ? ": below the target, so no chain through this broker and dispatcher can reach it here" : ""))
                .orElse(String.format(Locale.ROOT, " The floor kept up at every rate offered (at most %.1f orders/s"
                        + " finished).", floorMost)));
        return md.toString();
    }

    /** Runs the sweep on {@code system} (already started with {@code partitions}), orders for {@code customer}. */
    static Sweep sweep(Benchmarks bench, LocalSystem system, Path root, String customer, Settings settings,
                       double startupSeconds) throws Exception {
        int partitions = system.partitions();
        String loadStart = loadAverage();
        long deadBefore = bench.count("SELECT COUNT(*) FROM dead_letters");
        long customerId = bench.count("SELECT id FROM customers WHERE tenant_id = ? AND code = ?", bench.tenant(), customer);
        var chain = new Chain(bench, system.uri("order-create"), customer, customerId);
        var rows = new ArrayList<Row>();
        String stop;
        try (var floor = BareChainFloor.start(root.resolve("knative"), system.kafkaBootstrapServers(), partitions,
                system.internalToken())) {
            // Not counted: JIT, connection pools and the consumers' first fetches of both paths.
            Benchmarks.log("open loop, %d partitions: warm-up", partitions);
            var warmUp = new OpenLoop.Plan(settings.rates().get(0) / 2, Duration.ZERO, settings.warmup().multipliedBy(2),
                    settings.maxInFlight(), settings.maxLag(), settings.drain());
            OpenLoop.run(floor, warmUp);
            OpenLoop.run(chain, warmUp);
            var rates = new ArrayList<>(settings.rates());
            stop = "";
            for (int i = 0; i < rates.size(); i++) {
                double rate = rates.get(i);
                Benchmarks.log("open loop, %d partitions: %.0f orders/s offered, floor", partitions, rate);
                var floorStep = OpenLoop.run(floor, settings.plan(rate));
                Benchmarks.log("open loop, %d partitions: %.0f orders/s offered, chain", partitions, rate);
                OpenLoop.Step chainStep;
                String locks;
                try (var sampler = LockSampler.start(bench, bench.databaseName())) {
                    chainStep = OpenLoop.run(chain, settings.plan(rate));
                    locks = sampler.summary();
                }
                var numbers = new ArrayList<>(chainStep.intendedOf().keySet());
                rows.add(new Row(rate, floorStep, chainStep, locks, chain.admission(chainStep.intendedOf()),
                        ChainTimes.load(bench, numbers)));
                Benchmarks.log("  floor p99 %.1f ms, achieved %.0f/s; chain p99 %.1f ms, achieved %.0f/s, %d of %d finished",
                        floorStep.p99Ms(), floorStep.achieved(), chainStep.p99Ms(), chainStep.achieved(),
                        chainStep.finished(), chainStep.intended());
                if (chain.pending() > 0 || floor.pending() > 0) {
                    stop = String.format("stopped after %.0f orders/s: orders still in flight when the %d-s drain wait ended",
                            rate, settings.drain().toSeconds());
                    break;
                }
                if (i == rates.size() - 1 && !chainStep.saturated() && rate * 2 <= settings.maxRate()) {
                    rates.add(rate * 2);
                }
            }
            var firstSaturated = rows.stream().filter(r -> r.chain().saturated()).findFirst();
            String saturation = firstSaturated.map(r -> String.format("the chain saturated from %.0f orders/s offered on",
                    r.rate())).orElse(String.format("the chain kept up at every rate, up to %.0f orders/s", rows.get(rows.size() - 1).rate()));
            stop = stop.isEmpty() ? saturation : saturation + "; " + stop;
            // the checks: every order in an end state, nothing left in the outbox, no dead letter
            long until = System.nanoTime() + settings.drain().toNanos();
            while ((chain.pending() > 0 || bench.count("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL") > 0)
                    && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            return new Sweep(partitions, startupSeconds, loadStart, loadAverage(), rows, stop, chain.created(),
                    chain.count("CONFIRMED"), chain.count("REJECTED"), chain.count("PLACED"),
                    bench.count("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL"),
                    bench.count("SELECT COUNT(*) FROM dead_letters") - deadBefore, floor.created(), floor.completed(),
                    floor.deadLetters());
        }
    }

    /** The real chain: {@code POST /api/sales-orders} to order-create; end states read from the database. */
    private static final class Chain implements OpenLoop.Target {
        private final Benchmarks bench;
        private final URI create;
        private final String body;
        private final long customerId;
        private final java.util.concurrent.atomic.AtomicLong created = new java.util.concurrent.atomic.AtomicLong();

        Chain(Benchmarks bench, URI orderCreate, String customer, long customerId) {
            this.bench = bench;
            this.create = orderCreate.resolve("/api/sales-orders");
            this.customerId = customerId;
            this.body = "{\"customerCode\":\"" + customer + "\",\"warehouseCode\":\"WH1\",\"lines\":[{\"sku\":\"CHAIN\","
                    + "\"quantity\":1}]}";
        }

        @Override
        public CompletableFuture<String> create(long index) {
            var request = HttpRequest.newBuilder(create).timeout(Duration.ofSeconds(30))
                    .header("X-Tenant-Id", bench.tenant()).header("Content-Type", "application/json")
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return OpenLoop.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("create answered " + response.statusCode() + ": " + response.body());
                }
                created.incrementAndGet();
                return Http.field(response.body(), "number");
            });
        }

        long created() {
            return created.get();
        }

        long count(String status) throws SQLException {
            return bench.count("SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ? AND customer_id = ? AND status = ?",
                    bench.tenant(), customerId, status);
        }

        /** Intended start to {@code sales_orders.created_at} (T0): the wait before order-create's transaction. */
        Stats admission(Map<String, Long> intendedOf) throws SQLException {
            var waits = new ArrayList<Long>();
            var numbers = new ArrayList<>(intendedOf.keySet());
            try (Connection c = bench.connect()) {
                for (int from = 0; from < numbers.size(); from += 500) {
                    List<String> chunk = numbers.subList(from, Math.min(numbers.size(), from + 500));
                    String in = String.join(",", Collections.nCopies(chunk.size(), "?"));
                    try (var s = c.prepareStatement("SELECT number, created_at FROM sales_orders WHERE tenant_id = ?"
                            + " AND number IN (" + in + ")")) {
                        s.setString(1, bench.tenant());
                        for (int i = 0; i < chunk.size(); i++) {
                            s.setString(i + 2, chunk.get(i));
                        }
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                waits.add((ChainTimes.micros(rs, 2) - intendedOf.get(rs.getString(1))) * 1_000);
                            }
                        }
                    }
                }
            }
            return Stats.of(waits.stream().mapToLong(Long::longValue).toArray());
        }

        @Override
        public long pending() throws SQLException {
            return count("PLACED");
        }

        @Override
        public Map<String, OpenLoop.Finish> finished(List<String> numbers) throws SQLException {
            var done = new HashMap<String, OpenLoop.Finish>();
            try (Connection c = bench.connect()) {
                for (int from = 0; from < numbers.size(); from += 500) {
                    List<String> chunk = numbers.subList(from, Math.min(numbers.size(), from + 500));
                    String in = String.join(",", Collections.nCopies(chunk.size(), "?"));
                    try (var s = c.prepareStatement("SELECT order_number, to_status, created_at FROM order_status_history"
                            + " WHERE tenant_id = ? AND order_kind = 'SALES' AND to_status IN ('CONFIRMED', 'REJECTED')"
                            + " AND order_number IN (" + in + ")")) {
                        s.setString(1, bench.tenant());
                        for (int i = 0; i < chunk.size(); i++) {
                            s.setString(i + 2, chunk.get(i));
                        }
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                done.merge(rs.getString(1), new OpenLoop.Finish(ChainTimes.micros(rs, 3),
                                        "REJECTED".equals(rs.getString(2))), (a, b) -> a.micros() <= b.micros() ? a : b);
                            }
                        }
                    }
                }
            }
            return done;
        }
    }

    // ---------------------------------------------------------------- BENCHMARKS.md

    /** The {@code chain-open-loop} block: method, one table per partition count, the checks. */
    static String block(List<Sweep> sweeps, Settings settings, String date) {
        var md = new StringBuilder(BEGIN).append('\n');
        md.append("## Open-loop sales chain and its bare floor (issue 12)\n\n");
        md.append("Written by `bench/run.sh` (`dev.psi.bench.OpenLoopChain`, reproduce with `bench/run.sh -o --only"
                + " chain-open-loop --partitions " + String.join(",", sweeps.stream().map(s -> String.valueOf(s.partitions())).toList())
                + " --rates " + String.join(",", settings.rates().stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList())
                + " --step-seconds " + settings.measure().toSeconds() + " --warmup-seconds " + settings.warmup().toSeconds()
                + "`) on " + date + ". Open loop: order *i* of a step is due at *t0 + i/r* and is sent then"
                + " (asynchronous HTTP, up to " + settings.maxInFlight() + " in flight), whether or not the earlier"
                + " ones have finished; its latency counts from that **intended** start to its end state, so queueing"
                + " anywhere, the sender's included, is in the figures (no coordinated omission). Chain: HTTP create"
                + " (order-create) → outbox → Kafka `psi.sales-orders` → dispatcher → stock-adjust `POST /events` →"
                + " `psi.stock` → dispatcher → order-workflow `POST /events` → CONFIRMED, the end taken from"
                + " `order_status_history.created_at` (the functions' clock, same machine as the sender's). Floor:"
                + " the same broker, the same dispatcher code started from the same two KafkaSources on two topics of"
                + " its own with the same partition count, and three no-op endpoints in the bench JVM that answer at"
                + " once and produce the next event (`acks=all`, idempotent, `linger.ms=0`, keyed by order number)."
                + " Each offered rate runs the floor, then the chain: " + settings.warmup().toSeconds() + " s of"
                + " warm-up (sent, not counted), " + settings.measure().toSeconds() + " s measured, then a wait of at"
                + " most " + settings.drain().toSeconds() + " s for the last orders. Achieved = orders finished /"
                + " (last finish − first intended start of the measured part). An order not finished when the wait"
                + " ended counts as infinitely late (∞). *Saturated*: achieved < 0.95 × offered, an order left"
                + " unfinished, or the p50 of the last quarter of the step more than twice that of the first quarter"
                + " (latency still climbing) with p99 over 100 ms. Every partition count ran on a fresh system (broker,"
                + " functions, dispatcher). One SKU, one warehouse, one tenant: every order reserves the same stock"
                + " row and takes the same document-number row. Latencies in ms.\n\n");
        for (Sweep s : sweeps) {
            md.append("### ").append(s.partitions()).append(s.partitions() == 1 ? " partition" : " partitions")
                    .append(" per topic\n\n");
            md.append(String.format("Load average at start `%s`, at end `%s`; system start-up %.1f s. %s.%n%n",
                    s.loadStart(), s.loadEnd(), s.startupSeconds(), capitalise(s.stop())));
            md.append("| offered /s | chain achieved /s | p50 | p99 | max | floor achieved /s | floor p50 | floor p99 |"
                    + " floor max | **p99 / floor p99** | chain saturated? | chain p99 from actual send | sender late by, max |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
            for (Row r : s.rows()) {
                var c = r.chain();
                var f = r.floor();
                md.append(String.format(Locale.ROOT, "| %.0f | %.1f | %s | %s | %s | %.1f | %s | %s | %s | **%s** | %s | %s | %s |%n",
                        r.rate(), c.achieved(), ms(c.p50Ms()), ms(c.p99Ms()), ms(c.maxMs()), f.achieved(), ms(f.p50Ms()),
                        ms(f.p99Ms()), ms(f.maxMs()), ratio(r.ratio()), saturation(c), ms(c.sendP99Ms()),
                        ms(c.maxLagMs()) + (c.notSent() > 0 ? " (" + c.notSent() + " not sent)" : "")));
            }
            md.append('\n');
            md.append("Where the chain's time went, p50 / p99 of the measured orders that were created (from the"
                    + " timestamps each step writes, as in section 3; T0 is stamped inside order-create's transaction"
                    + " before it takes the tenant's document-number row):\n\n");
            md.append("| offered /s | intended start → T0 (HTTP, Micronaut, Hikari pool) | create T0→T1 (document number,"
                    + " inserts, commit, publish) | hop 1 | reserve | hop 2 | confirm |\n|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row r : s.rows()) {
                var t = r.times();
                md.append(String.format(Locale.ROOT, "| %.0f | %s | %s | %s | %s | %s | %s |%n", r.rate(), pair(r.admission()),
                        pair(t.create()), pair(t.hop1()), pair(t.reserve()), pair(t.hop2()), pair(t.confirm())));
            }
            md.append('\n');
            md.append(String.format("- Checks: %d chain orders created (warm-ups included), %d CONFIRMED, %d REJECTED,"
                            + " %d still PLACED after the last wait (%s); outbox rows unpublished: %d; dead letters during"
                            + " the sweep: %d. Floor: %d created, %d finished, %d dead letters (%s).%n",
                    s.chainCreated(), s.confirmed(), s.rejected(), s.stillPlaced(),
                    s.confirmed() + s.rejected() == s.chainCreated() && s.stillPlaced() == 0 ? "every order reached an end state: OK" : "MISMATCH",
                    s.outboxPending(), s.deadLetters(), s.floorCreated(), s.floorCompleted(), s.floorDeadLetters(),
                    s.floorCreated() == s.floorCompleted() && s.floorDeadLetters() == 0 ? "OK" : "MISMATCH"));
            for (Row r : s.rows()) {
                var c = r.chain();
                md.append(String.format(Locale.ROOT, "- %.0f/s: chain %d of %d measured orders created, %d finished%s;"
                                + " CPU while sending the chain: %s; floor CPU: %s; InnoDB lock waits during the chain step"
                                + " (every 250 ms): %s%n", r.rate(), c.created(), c.intended(),
                        c.finished(), c.firstError() == null ? "" : " (first failure: " + shorten(c.firstError()) + ")",
                        c.cpu(), r.floor().cpu(), r.locks()));
            }
            md.append(cpuBound(s)).append('\n');
            md.append('\n');
        }
        md.append("Target (issue 12): at 200 orders/s offered, chain p99 at most 10 × the floor's p99 at the same rate. ");
        for (Sweep s : sweeps) {
            var at200 = s.rows().stream().filter(r -> r.rate() == 200).findFirst();
            md.append(at200.map(r -> String.format(Locale.ROOT, "%d partitions: ×%s (%s). ", s.partitions(),
                    ratio(r.ratio()), r.ratio() <= 10 ? "met" : "not met")).orElse(String.format(Locale.ROOT,
                    "%d partitions: not measured (the sweep stopped before 200 orders/s: not met). ", s.partitions())));
        }
        md.append('\n').append(END).append('\n');
        return md.toString();
    }

    /** Replaces (or adds) the block in {@code file}. */
    static void write(Path file, String block) throws java.io.IOException {
        String previous = Files.exists(file) ? Files.readString(file) : "";
        Files.writeString(file, MarkedBlocks.put(previous, block));
    }

    private static String saturation(OpenLoop.Step c) {
        if (!c.saturated()) {
            return "no";
        }
        var why = new ArrayList<String>();
        if (c.achieved() < 0.95 * c.offered()) {
            why.add("achieved < 95 %");
        }
        if (c.finished() < c.intended()) {
            why.add((c.intended() - c.finished()) + " unfinished");
        }
        if (c.trend() > 2 && c.p99Ms() > 100) {
            why.add(Double.isInfinite(c.trend()) ? "climbing" : String.format(Locale.ROOT, "climbing ×%.1f", c.trend()));
        }
        return "**yes**: " + String.join(", ", why);
    }

    private static String ms(double value) {
        if (Double.isInfinite(value)) {
            return "∞";
        }
        if (Double.isNaN(value)) {
            return "—";
        }
        return value < 10 ? String.format(Locale.ROOT, "%.2f", value) : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String ratio(double value) {
        return Double.isInfinite(value) ? "∞" : Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String pair(Stats stats) {
        return stats.count() == 0 ? "—" : ms(stats.p50Ms()) + " / " + ms(stats.p99Ms());
    }

    private static String shorten(String error) {
        String flat = error.replace("|", "/").replace("\n", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
