package dev.psi.security;

import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.kernel.events.EventHandler;
import dev.psi.kernel.events.EventRoutes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what it was given: the events that got past the guards. */
@Singleton
class TestEventHandler implements EventHandler {

    final List<String> applied = new CopyOnWriteArrayList<>();

    private final EventRoutes routes = EventRoutes.builder()
            .on(SalesOrderEvents.Placed.class, (tx, event, placed) -> applied.add(event.tenant().value() + "/" + placed.orderNumber()))
            .build();

    @Override
    public String consumer() {
        return "security-test";
    }

    @Override
    public EventRoutes routes() {
        return routes;
    }
}
