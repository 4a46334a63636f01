package dev.psi.stock;

import dev.psi.kernel.start.FunctionMain;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "stock-adjust", version = "0.1",
        description = "The only writer of stock: adjustments, transfers, stocktakes, and the reservations,"
                + " issues, receipts and returns driven by order events."))
public final class StockAdjustApplication {

    private StockAdjustApplication() {
    }

    public static void main(String[] args) {
        FunctionMain.run(StockAdjustApplication.class, args);
    }
}
