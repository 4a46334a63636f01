package dev.psi.catalog;

import dev.psi.kernel.start.FunctionMain;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "catalog", version = "0.1",
        description = "Products, warehouses, suppliers and customers of a PSI tenant."))
public final class CatalogApplication {

    private CatalogApplication() {
    }

    public static void main(String[] args) {
        FunctionMain.run(CatalogApplication.class, args);
    }
}
