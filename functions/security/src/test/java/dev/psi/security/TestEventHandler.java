package dev.psi.security;

import dev.psi.contract.events.EventType;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.EventHandler;
import dev.psi.kernel.events.InboundEvent;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what it was given: the events that got past the guards. */
@Singleton
class TestEventHandler implements EventHandler {

    final List<String> applied = new CopyOnWriteArrayList<>();

    @Override
    public String consumer() {
        return "security-test";
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.SALES_ORDER_PLACED);
    }

    @Override
    public void handle(Tx tx, InboundEvent event) {
        applied.add(event.tenant().value() + "/" + event.aggregateId());
    }
}
