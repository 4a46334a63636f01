package dev.psi.kernel.audit;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * {@code psi_orders_total{kind, outcome}}: one count per order state reached (placed, submitted,
 * confirmed, rejected, shipped, received, cancelled...) or per refused create (invalid). Every
 * function that moves an order counts here, so the dashboards see one series.
 */
@Singleton
public final class OrderMetrics {

    private final MeterRegistry meters;

    OrderMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void count(String kind, String outcome) {
        meters.counter("psi.orders", "kind", kind, "outcome", outcome.toLowerCase()).increment();
    }
}
