package dev.psi.order.create;

import dev.psi.kernel.start.FunctionMain;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "order-create", version = "0.1",
        description = "Creates purchase orders (SUBMITTED) and sales orders (PLACED), idempotently."))
public final class OrderCreateApplication {

    private OrderCreateApplication() {
    }

    public static void main(String[] args) {
        FunctionMain.run(OrderCreateApplication.class, args);
    }
}
