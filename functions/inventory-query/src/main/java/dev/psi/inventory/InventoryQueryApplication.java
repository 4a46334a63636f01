package dev.psi.inventory;

import dev.psi.kernel.start.FunctionMain;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "inventory-query", version = "0.1",
        description = "Stock levels per SKU and warehouse, the stock ledger, low stock and valuation."))
public final class InventoryQueryApplication {

    private InventoryQueryApplication() {
    }

    public static void main(String[] args) {
        FunctionMain.run(InventoryQueryApplication.class, args);
    }
}
