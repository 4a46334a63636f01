package dev.psi.kernel.events;

import dev.psi.kernel.db.Tx;
import io.micronaut.core.annotation.Nullable;
import java.sql.SQLException;
import java.util.List;

/**
 * Group commit for one kind of event: deliveries that arrive while another delivery of the same
 * {@link #batchKey} is being applied wait for it and are then applied together, in one
 * transaction (one inbox row each, then {@link #applyAll}). A delivery that finds no other in
 * flight is applied alone at once: there is no batching without contention, and no added wait.
 * Each delivery is answered only after the commit that holds it.
 */
public interface BatchedRoutes {

    /** The key of the rows the event contends for (e.g. one stock row), or {@code null} to apply it alone. */
    @Nullable
    String batchKey(InboundEvent event);

    /**
     * Applies every event in {@code tx}, in order, each all-or-nothing on its own (a member that
     * cannot be applied must not undo the others). Throwing rolls back the whole batch; each of
     * its deliveries is then applied alone, as if it had never been batched.
     */
    void applyAll(Tx tx, List<InboundEvent> events) throws SQLException;
}
