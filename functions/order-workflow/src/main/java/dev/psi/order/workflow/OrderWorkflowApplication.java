package dev.psi.order.workflow;

import dev.psi.kernel.start.FunctionMain;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "order-workflow", version = "0.1",
        description = "Order state machines: receipts, shipments, cancellations and returns; order reads."))
public final class OrderWorkflowApplication {

    private OrderWorkflowApplication() {
    }

    public static void main(String[] args) {
        FunctionMain.run(OrderWorkflowApplication.class, args);
    }
}
