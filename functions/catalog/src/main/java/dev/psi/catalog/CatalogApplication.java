package dev.psi.catalog;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "catalog", version = "0.1",
        description = "Products, warehouses, suppliers and customers of a PSI tenant."))
public final class CatalogApplication {

    private CatalogApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(CatalogApplication.class, args);
    }
}
