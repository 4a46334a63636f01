package dev.psi.reports;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "reports", version = "0.1",
        description = "Sales and purchase summaries, gross profit, inventory valuation at a date, turnover and"
                + " slow-moving stock, as JSON or (format=csv) CSV."))
public final class ReportsApplication {

    private ReportsApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(ReportsApplication.class, args);
    }
}
