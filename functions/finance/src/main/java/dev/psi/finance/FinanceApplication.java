package dev.psi.finance;

import dev.psi.kernel.start.FunctionMain;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "finance", version = "0.1",
        description = "Receivables and payables: invoices from shipments, bills from goods receipts, credit and debit"
                + " notes from returns, receipts and payments allocated against them, balances, statements and aging."))
public final class FinanceApplication {

    private FinanceApplication() {
    }

    public static void main(String[] args) {
        FunctionMain.run(FinanceApplication.class, args);
    }
}
