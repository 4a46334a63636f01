package dev.psi.replenish;

import dev.psi.kernel.start.FunctionMain;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "replenish", version = "0.1",
        description = "Replenishment: psi.stock.low.v1 drafts a purchase order (DRAFT) for the product's preferred"
                + " supplier, never twice for the same shortfall; suggestions of what to order."))
public final class ReplenishApplication {

    private ReplenishApplication() {
    }

    public static void main(String[] args) {
        FunctionMain.run(ReplenishApplication.class, args);
    }
}
