package dev.psi.kernel.events;

import dev.psi.testing.Rows;
import java.util.Map;

/** The kernel's own rows, as the tests look at them. */
final class Db {

    private Db() {
    }

    /** The outbox row of an event (empty when there is none). */
    static Map<String, Object> outboxRow(String eventId) {
        return Rows.one("SELECT id, topic, message_key, published_at, attempts, last_error FROM outbox WHERE event_id = ?", eventId);
    }
}
