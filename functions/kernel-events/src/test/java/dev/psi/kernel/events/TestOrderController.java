package dev.psi.kernel.events;

import dev.psi.kernel.db.Database;
import dev.psi.kernel.web.ProblemException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

/** A business request of the test context: places an order, i.e. appends its event in a transaction. */
@Controller("/test/sales-orders")
@ExecuteOn(TaskExecutors.BLOCKING)
class TestOrderController {

    private final Database database;
    private final Outbox outbox;

    TestOrderController(Database database, Outbox outbox) {
        this.database = database;
        this.outbox = outbox;
    }

    /** With {@code fail=true} the transaction rolls back after the append (409). */
    @Post("/{orderNumber}")
    Map<String, String> place(String orderNumber, @QueryValue String eventId,
                              @QueryValue(defaultValue = "false") boolean fail) {
        database.inTransaction(tx -> {
            outbox.append(tx, TestEvents.aPlacedOrder(eventId, orderNumber, "C-1"));
            if (fail) {
                throw ProblemException.conflict("asked to fail after the append");
            }
            return null;
        });
        return Map.of("eventId", eventId);
    }
}
