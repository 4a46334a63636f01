package dev.psi.kernel.events;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.OutboxRow.Aggregate;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends claimed rows and marks what happened, inside the claiming transaction. Rows go out in
 * waves: each wave sends the next row of every aggregate at once and waits for all the
 * acknowledgements, so one aggregate's rows are strictly one after the other (a later row is never
 * sent before the earlier one is on the broker, nor after it failed) while different aggregates
 * share the round trips.
 */
final class WavePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(WavePublisher.class);

    /** What one claim-send-mark transaction did. */
    record Pass(int claimed, int published, int failed, boolean brokerDown, long lastId) {
    }

    private final KafkaPublisher kafka;
    private final OutboxClaims claims;
    private final BrokerDownRecovery recovery;

    WavePublisher(KafkaPublisher kafka, OutboxClaims claims, BrokerDownRecovery recovery) {
        this.kafka = kafka;
        this.claims = claims;
        this.recovery = recovery;
    }

    Pass publish(Tx tx, List<OutboxRow> claimed) throws SQLException {
        if (claimed.isEmpty()) {
            return new Pass(0, 0, 0, false, 0);
        }
        Set<Aggregate> blocked = BlockedAggregates.in(tx, claimed);
        var waiting = new LinkedHashMap<Aggregate, ArrayDeque<OutboxRow>>();
        for (OutboxRow row : claimed) {
            if (!blocked.contains(row.aggregate())) {
                waiting.computeIfAbsent(row.aggregate(), a -> new ArrayDeque<>()).add(row);
            }
        }
        var sent = new ArrayList<Long>();
        int failed = 0;
        boolean brokerDown = false;
        while (!waiting.isEmpty() && !brokerDown) {
            var wave = new ArrayList<KafkaPublisher.Sending>();
            for (var it = waiting.values().iterator(); it.hasNext() && !brokerDown; ) {
                var rows = it.next();
                OutboxRow row = rows.poll();
                if (rows.isEmpty()) {
                    it.remove();
                }
                try {
                    wave.add(kafka.send(row));
                } catch (KafkaPublisher.PublishFailure e) {
                    failed++;
                    waiting.remove(row.aggregate());
                    brokerDown = failed(tx, row, e);
                    break; // the iterator is stale after the removal; the next wave goes on
                }
            }
            for (var sending : wave) {
                try {
                    kafka.awaitAcknowledgement(sending);
                    sent.add(sending.row().id());
                } catch (KafkaPublisher.PublishFailure e) {
                    failed++;
                    waiting.remove(sending.row().aggregate());
                    brokerDown |= failed(tx, sending.row(), e);
                }
            }
        }
        claims.markPublished(tx, sent);
        return new Pass(claimed.size(), sent.size(), failed, brokerDown, claimed.get(claimed.size() - 1).id());
    }

    /** Records the failure on the row; true when the broker is to blame and the pass should stop. */
    private boolean failed(Tx tx, OutboxRow row, KafkaPublisher.PublishFailure failure) throws SQLException {
        claims.markFailed(tx, row, failure.getMessage());
        LOG.warn("outbox row {} ({} {}) not published: {}", row.id(), row.eventType(), row.eventId(), failure.getMessage());
        if (failure.brokerUnavailable()) {
            recovery.brokerFailed();
            return true;
        }
        return false;
    }
}
