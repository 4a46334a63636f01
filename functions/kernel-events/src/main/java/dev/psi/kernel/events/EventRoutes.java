package dev.psi.kernel.events;

import dev.psi.contract.events.EventType;
import dev.psi.contract.events.PsiEvent;
import dev.psi.kernel.db.Tx;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * What a consumer does per event type, each route declared once: the types it handles are the
 * routes' types, so a route cannot be handled without being declared or declared without a handler.
 *
 * <pre>{@code
 * EventRoutes.builder()
 *         .on(SalesOrderEvents.Placed.class, (tx, event, placed) -> stock.reserve(tx, event, placed))
 *         .build();
 * }</pre>
 */
public final class EventRoutes {

    /** Applies one event, its body already read into the record of its type. */
    @FunctionalInterface
    public interface Route<T extends PsiEvent> {
        void apply(Tx tx, InboundEvent event, T body) throws SQLException;
    }

    private final Map<EventType, Route<PsiEvent>> routes;

    private EventRoutes(Map<EventType, Route<PsiEvent>> routes) {
        this.routes = routes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The types a route exists for; other valid PSI types are acknowledged as ignored. */
    public Set<EventType> types() {
        return Collections.unmodifiableSet(routes.keySet());
    }

    public boolean handles(EventType type) {
        return routes.containsKey(type);
    }

    /** Runs the route of {@code event}'s type in {@code tx}. */
    void apply(Tx tx, InboundEvent event) throws SQLException {
        Route<PsiEvent> route = routes.get(event.type());
        if (route == null) {
            // POST /events checks handles() first; reaching here is a kernel bug, not a bad event.
            throw new IllegalStateException("no route for " + event.type().type());
        }
        route.apply(tx, event, event.body());
    }

    public static final class Builder {

        private final Map<EventType, Route<PsiEvent>> routes = new EnumMap<>(EventType.class);

        private Builder() {
        }

        /** Routes the event type whose body is {@code bodyClass} to {@code route}; once per type. */
        @SuppressWarnings("unchecked")
        public <T extends PsiEvent> Builder on(Class<T> bodyClass, Route<? super T> route) {
            EventType type = EventType.ofBody(bodyClass);
            Route<PsiEvent> typed = (tx, event, body) -> ((Route<PsiEvent>) route).apply(tx, event, bodyClass.cast(body));
            if (routes.putIfAbsent(type, typed) != null) {
                throw new IllegalStateException(type.type() + " is routed twice");
            }
            return this;
        }

        public EventRoutes build() {
            return new EventRoutes(new EnumMap<>(routes));
        }
    }
}
