package dev.psi.kernel.events;

import dev.psi.kernel.db.Tx;
import java.sql.SQLException;

/**
 * A check every inbound event passes before its handler runs, in the handler's transaction: the
 * security module refuses an event whose tenant does not own the rows it names. Throws
 * {@link PermanentEventFailure} for an event that must never be applied (it is dead-lettered).
 */
public interface EventGuard {

    void check(Tx tx, InboundEvent event) throws SQLException;
}
