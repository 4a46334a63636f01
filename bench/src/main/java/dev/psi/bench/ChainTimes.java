package dev.psi.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sales chain of a set of orders, timed by the database's own timestamps (all DATETIME(6) UTC,
 * written by the processes of one machine, so one clock):
 * <pre>
 *   T0 sales_orders.created_at                     order-create, its transaction begins
 *   T1 outbox.published_at (sales-order.placed)    order-create, Kafka acknowledged the record
 *   T2 inbox.processed_at (stock-adjust)           stock-adjust, its transaction for the event begins
 *   T3 outbox.published_at (stock.reserved)        stock-adjust, Kafka acknowledged the answer
 *   T4 inbox.processed_at (order-workflow)         order-workflow, its transaction begins
 *   T5 order_status_history.created_at CONFIRMED   order-workflow, the status is written
 * </pre>
 * A publisher records published_at only after the broker's acknowledgement, by which time the
 * consumer may already have the record, so a hop's share can be a little under its real cost.
 */
record ChainTimes(int orders, int confirmed, int rejected, int placed, Stats endToEnd, Stats create, Stats hop1,
                  Stats reserve, Stats hop2, Stats confirm, double spanSeconds, int slow, int first99,
                  double span99Seconds) {

    static final String PLACED = "psi.sales-order.placed.v1";
    static final String RESERVED = "psi.stock.reserved.v1";

    double perSecond() {
        return confirmed / spanSeconds;
    }

    /** Orders per second until 99 % of the confirmed orders were: robust to one straggler. */
    double perSecond99() {
        return first99 / span99Seconds;
    }

    static ChainTimes load(Benchmarks bench, List<String> numbers) throws SQLException {
        var t0 = new HashMap<String, Long>();
        var status = new HashMap<String, String>();
        var t1 = new HashMap<String, Long>();
        var t2 = new HashMap<String, Long>();
        var t3 = new HashMap<String, Long>();
        var t4 = new HashMap<String, Long>();
        var t5 = new HashMap<String, Long>();
        try (Connection c = bench.connect()) {
            for (List<String> chunk : chunks(numbers, 200)) {
                String in = String.join(",", Collections.nCopies(chunk.size(), "?"));
                query(c, "SELECT number, created_at, status FROM sales_orders WHERE tenant_id = ? AND number IN (" + in + ")",
                        bench.tenant(), chunk, rs -> {
                            t0.put(rs.getString(1), micros(rs, 2));
                            status.put(rs.getString(1), rs.getString(3));
                        });
                query(c, "SELECT order_number, created_at FROM order_status_history WHERE tenant_id = ? AND order_kind = 'SALES'"
                        + " AND to_status = 'CONFIRMED' AND order_number IN (" + in + ")", bench.tenant(), chunk,
                        rs -> t5.put(rs.getString(1), micros(rs, 2)));
                query(c, "SELECT aggregate_id, event_type, published_at FROM outbox WHERE tenant_id = ? AND published_at IS NOT NULL"
                        + " AND aggregate_id IN (" + in + ")", bench.tenant(), chunk, rs -> {
                            if (PLACED.equals(rs.getString(2))) {
                                t1.put(rs.getString(1), micros(rs, 3));
                            } else if (RESERVED.equals(rs.getString(2))) {
                                t3.put(rs.getString(1), micros(rs, 3));
                            }
                        });
                query(c, "SELECT aggregate_id, consumer, event_type, processed_at FROM inbox WHERE tenant_id = ?"
                        + " AND aggregate_id IN (" + in + ")", bench.tenant(), chunk, rs -> {
                            if ("stock-adjust".equals(rs.getString(2)) && PLACED.equals(rs.getString(3))) {
                                t2.put(rs.getString(1), micros(rs, 4));
                            } else if ("order-workflow".equals(rs.getString(2)) && RESERVED.equals(rs.getString(3))) {
                                t4.put(rs.getString(1), micros(rs, 4));
                            }
                        });
            }
        }
        var endToEnd = new ArrayList<Long>();
        var create = new ArrayList<Long>();
        var hop1 = new ArrayList<Long>();
        var reserve = new ArrayList<Long>();
        var hop2 = new ArrayList<Long>();
        var confirm = new ArrayList<Long>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int confirmed = 0;
        int rejected = 0;
        int placed = 0;
        int slow = 0;
        var ends = new ArrayList<Long>();
        for (String number : numbers) {
            String s = status.get(number);
            if ("REJECTED".equals(s)) {
                rejected++;
            } else if (!"CONFIRMED".equals(s)) {
                placed++;
            }
            Long start = t0.get(number);
            Long end = t5.get(number);
            if (start == null || end == null || !"CONFIRMED".equals(s)) {
                continue;
            }
            confirmed++;
            first = Math.min(first, start);
            last = Math.max(last, end);
            endToEnd.add(end - start);
            ends.add(end);
            if (end - start > 1_000_000) {
                slow++;
            }
            stage(create, start, t1.get(number));
            stage(hop1, t1.get(number), t2.get(number));
            stage(reserve, t2.get(number), t3.get(number));
            stage(hop2, t3.get(number), t4.get(number));
            stage(confirm, t4.get(number), end);
        }
        Collections.sort(ends);
        int first99 = (int) Math.ceil(0.99 * ends.size());
        double span99 = ends.isEmpty() ? Double.NaN : (ends.get(first99 - 1) - first) / 1e6;
        return new ChainTimes(numbers.size(), confirmed, rejected, placed, stats(endToEnd), stats(create), stats(hop1),
                stats(reserve), stats(hop2), stats(confirm), confirmed == 0 ? Double.NaN : (last - first) / 1e6, slow,
                first99, span99);
    }

    static long micros(ResultSet rs, int column) throws SQLException {
        LocalDateTime time = rs.getObject(column, LocalDateTime.class);
        return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + time.getNano() / 1_000;
    }

    private static void stage(List<Long> into, Long from, Long to) {
        if (from != null && to != null) {
            into.add(to - from);
        }
    }

    private static Stats stats(List<Long> micros) {
        return Stats.of(micros.stream().mapToLong(m -> m * 1_000).toArray());
    }

    @FunctionalInterface
    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, String tenant, List<String> numbers, Row row) throws SQLException {
        try (var s = c.prepareStatement(sql)) {
            s.setString(1, tenant);
            for (int i = 0; i < numbers.size(); i++) {
                s.setString(i + 2, numbers.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    private static List<List<String>> chunks(List<String> all, int size) {
        var chunks = new ArrayList<List<String>>();
        for (int i = 0; i < all.size(); i += size) {
            chunks.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return chunks;
    }

    static Map<String, Stats> stages(ChainTimes t) {
        var map = new java.util.LinkedHashMap<String, Stats>();
        map.put("create: order-create transaction, commit, publish `sales-order.placed` (T0→T1)", t.create());
        map.put("hop 1: Kafka → dispatcher → `POST /events` to stock-adjust (T1→T2)", t.hop1());
        map.put("reserve: stock-adjust transaction, commit, publish `stock.reserved` (T2→T3)", t.reserve());
        map.put("hop 2: Kafka → dispatcher → `POST /events` to order-workflow (T3→T4)", t.hop2());
        map.put("confirm: order-workflow locks the order and writes CONFIRMED (T4→T5, before its commit)", t.confirm());
        return map;
    }
}
