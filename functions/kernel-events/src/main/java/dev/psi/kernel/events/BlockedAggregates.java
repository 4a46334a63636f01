package dev.psi.kernel.events;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.OutboxRow.Aggregate;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which claimed aggregates must wait: those with a pending row, before one of the claimed rows,
 * that this transaction did not claim. Another relay holds it (SKIP LOCKED passed it by) and must
 * send it first, or one aggregate's events would reach Kafka out of order.
 */
final class BlockedAggregates {

    private BlockedAggregates() {
    }

    /**
     * Read without locks: READ COMMITTED sees the other relay's rows as still pending until it
     * commits, which is exactly when it is safe to go on.
     */
    static Set<Aggregate> in(Tx tx, List<OutboxRow> claimed) throws SQLException {
        Map<Aggregate, Long> lastClaimed = new HashMap<>();
        Set<Long> claimedIds = new HashSet<>();
        for (OutboxRow row : claimed) {
            lastClaimed.merge(row.aggregate(), row.id(), Math::max);
            claimedIds.add(row.id());
        }
        var blocked = new HashSet<Aggregate>();
        List<Aggregate> aggregates = List.copyOf(lastClaimed.keySet());
        for (int from = 0; from < aggregates.size(); from += OutboxClaims.AGGREGATES_PER_CLAIM) {
            var chunk = aggregates.subList(from, Math.min(aggregates.size(), from + OutboxClaims.AGGREGATES_PER_CLAIM));
            var condition = chunk.stream().map(a -> "(tenant_id = ? AND aggregate_id = ? AND id < ?)")
                    .collect(Collectors.joining(" OR "));
            var args = new ArrayList<Object>();
            for (Aggregate a : chunk) {
                args.add(a.tenantId());
                args.add(a.aggregateId());
                args.add(lastClaimed.get(a));
            }
            var earlier = tx.list("SELECT id, tenant_id, aggregate_id FROM outbox WHERE published_at IS NULL AND ("
                            + condition + ")",
                    row -> new CommittedRow(row.longValue("id"), row.string("tenant_id"), row.string("aggregate_id")),
                    args.toArray());
            for (CommittedRow row : earlier) {
                if (!claimedIds.contains(row.id())) {
                    // Conservative: the whole aggregate waits, even its claimed rows before this one.
                    blocked.add(row.aggregate());
                }
            }
        }
        return blocked;
    }
}
