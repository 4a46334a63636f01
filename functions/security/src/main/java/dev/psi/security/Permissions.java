package dev.psi.security;

import static dev.psi.security.Role.ADMIN;
import static dev.psi.security.Role.PURCHASER;
import static dev.psi.security.Role.SALES;
import static dev.psi.security.Role.VIEWER;
import static dev.psi.security.Role.WAREHOUSE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one permission table of every {@code /api} endpoint: who may read, who may change. The first
 * row that matches a request's method and path decides; a request that no row matches is refused
 * whoever asks, so an endpoint nobody listed here is closed, not open. {@code docs/security.md}
 * shows this table; {@code PermissionTableDocTest} keeps the two equal.
 */
public final class Permissions {

    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);

    private static final List<Permission> TABLE = List.of(
            row("GET", "/api/audit", "the audit log of changes", ADMIN),
            row("POST", "/api/products/import", "import products from CSV", ADMIN),
            row("POST PUT DELETE", "/api/products/**", "manage products", ADMIN),
            row("POST PUT DELETE", "/api/warehouses/**", "manage warehouses", ADMIN),
            row("POST PUT DELETE", "/api/suppliers/**", "manage suppliers", ADMIN, PURCHASER),
            row("POST PUT DELETE", "/api/customers/**", "manage customers", ADMIN, SALES),
            row("GET", "/api/products/**", "read products", EVERYONE),
            row("GET", "/api/warehouses/**", "read warehouses", EVERYONE),
            row("GET", "/api/suppliers/**", "read suppliers", EVERYONE),
            row("GET", "/api/customers/**", "read customers", EVERYONE),
            row("PUT", "/api/settings/tax", "change the tenant's tax settings (default rate, prices with or without tax)", ADMIN),
            row("GET", "/api/settings/**", "read the tenant's settings", EVERYONE),
            row("POST", "/api/purchase-orders", "create purchase orders", ADMIN, PURCHASER),
            row("POST", "/api/purchase-orders/*/submit", "submit draft purchase orders", ADMIN, PURCHASER),
            row("POST", "/api/purchase-orders/*/approve", "approve purchase orders above the approval threshold (not one's own)", ADMIN),
            row("POST", "/api/purchase-orders/*/reject", "reject purchase orders awaiting approval", ADMIN),
            row("POST", "/api/purchase-orders/*/cancel", "cancel purchase orders", ADMIN, PURCHASER),
            row("POST", "/api/purchase-orders/*/receipts", "receive goods", ADMIN, WAREHOUSE),
            row("POST", "/api/purchase-orders/*/returns", "return goods to suppliers", ADMIN, PURCHASER, WAREHOUSE),
            row("GET", "/api/purchase-orders/*/receipts/*/goods-received-note", "print goods-received notes (HTML, PDF)", EVERYONE),
            row("GET", "/api/purchase-orders/**", "read purchase orders", EVERYONE),
            row("POST", "/api/sales-orders", "create sales orders", ADMIN, SALES),
            row("POST", "/api/sales-orders/*/cancel", "cancel sales orders", ADMIN, SALES),
            row("POST", "/api/sales-orders/*/shipments", "ship goods", ADMIN, WAREHOUSE),
            row("POST", "/api/sales-orders/*/returns", "take back goods from customers", ADMIN, SALES, WAREHOUSE),
            row("GET", "/api/sales-orders/*/shipments/*/delivery-note", "print delivery notes (HTML, PDF)", EVERYONE),
            row("GET", "/api/sales-orders/*/shipments/*/invoice", "print sales invoices (HTML, PDF)", EVERYONE),
            row("GET", "/api/sales-orders/**", "read sales orders", EVERYONE),
            row("POST", "/api/stock/adjustments", "adjust stock", ADMIN, WAREHOUSE),
            row("POST", "/api/stock/transfers", "transfer stock", ADMIN, WAREHOUSE),
            row("POST", "/api/stocktakes", "book stocktakes", ADMIN, WAREHOUSE),
            row("GET", "/api/stock/**", "read adjustments and transfers", EVERYONE),
            row("GET", "/api/stocktakes/**", "read stocktakes", EVERYONE),
            row("GET", "/api/replenishment/**", "read replenishment suggestions", EVERYONE),
            row("GET", "/api/inventory/**", "read stock levels, movements, low stock, valuation", EVERYONE),
            row("GET", "/api/reports/**", "read reports", ADMIN, PURCHASER, SALES, VIEWER),
            row("POST", "/api/finance/receipts", "record money received from customers", ADMIN, SALES),
            row("POST", "/api/finance/payments", "record money paid to suppliers", ADMIN, PURCHASER),
            row("GET", "/api/finance/**", "read receivables, payables, balances, statements, aging", ADMIN, PURCHASER,
                    SALES, VIEWER));

    private Permissions() {
    }

    public static List<Permission> table() {
        return TABLE;
    }

    /** The row that decides {@code method path}; HEAD is decided as GET. */
    public static Optional<Permission> find(String method, String path) {
        String m = "HEAD".equals(method) ? "GET" : method;
        return TABLE.stream().filter(p -> p.matches(m, path)).findFirst();
    }

    /** The table as the Markdown that docs/security.md carries between its markers. */
    public static String markdown() {
        var lines = new ArrayList<String>();
        lines.add("| methods | path | what | roles |");
        lines.add("|---|---|---|---|");
        for (Permission p : TABLE) {
            String roles = p.roles().equals(EVERYONE) ? "every role"
                    : p.roles().stream().sorted().map(Role::claim).collect(Collectors.joining(", "));
            String methods = p.methods().stream().sorted().collect(Collectors.joining(" "));
            lines.add("| " + methods + " | `" + p.pattern() + "` | " + p.what() + " | " + roles + " |");
        }
        return String.join("\n", lines) + "\n";
    }

    private static Permission row(String methods, String pattern, String what, Role... roles) {
        return row(methods, pattern, what, EnumSet.copyOf(Arrays.asList(roles)));
    }

    private static Permission row(String methods, String pattern, String what, Set<Role> roles) {
        return new Permission(new LinkedHashSet<>(Arrays.asList(methods.split(" "))), pattern, roles, what);
    }
}
