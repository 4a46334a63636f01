package dev.psi.order.workflow;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "order-workflow", version = "0.1",
        description = "Order state machines: receipts, shipments, cancellations and returns; order reads."))
public final class OrderWorkflowApplication {

    private OrderWorkflowApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(OrderWorkflowApplication.class, args);
    }
}
