package dev.psi.catalog.partner;

import dev.psi.catalog.shared.Versioned;

/** Suppliers and customers have the same shape and rules, in tables of their own. */
enum PartnerKind {
    SUPPLIER(new Versioned("suppliers", "code", "Supplier"), "suppliers"),
    CUSTOMER(new Versioned("customers", "code", "Customer"), "customers");

    final Versioned table;
    final String path;

    PartnerKind(Versioned table, String path) {
        this.table = table;
        this.path = path;
    }

    String tableName() {
        return table.table();
    }

    String what() {
        return table.what();
    }
}
