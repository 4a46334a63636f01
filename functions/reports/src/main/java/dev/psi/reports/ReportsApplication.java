package dev.psi.reports;

import dev.psi.kernel.start.FunctionMain;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "reports", version = "0.1",
        description = "Sales and purchase summaries, gross profit, inventory valuation at a date, turnover and"
                + " slow-moving stock, as JSON or (format=csv) CSV."))
public final class ReportsApplication {

    private ReportsApplication() {
    }

    public static void main(String[] args) {
        FunctionMain.run(ReportsApplication.class, args);
    }
}
