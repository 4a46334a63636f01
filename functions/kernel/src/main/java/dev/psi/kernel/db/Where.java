package dev.psi.kernel.db;

import dev.psi.kernel.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of a list query, built from optional filters, always starting with the tenant:
 * no list in PSI can forget it.
 */
public final class Where {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    private Where(String tenantColumn, TenantId tenant) {
        sql.append(" WHERE ").append(tenantColumn).append(" = ?");
        args.add(tenant.value());
    }

    public static Where tenant(String tenantColumn, TenantId tenant) {
        return new Where(tenantColumn, tenant);
    }

    /** Rows of {@code tenant} and rows of no known tenant (dead letters that named none). */
    public static Where tenantOrNone(String tenantColumn, TenantId tenant) {
        var where = new Where(tenantColumn, tenant);
        where.sql.setLength(0);
        where.sql.append(" WHERE (").append(tenantColumn).append(" = ? OR ").append(tenantColumn).append(" IS NULL)");
        return where;
    }

    public Where and(String condition, Object... values) {
        sql.append(" AND (").append(condition).append(')');
        args.addAll(List.of(values));
        return this;
    }

    /** Adds the condition only when {@code value} is given. */
    public Where andIf(Object value, String condition) {
        return value == null ? this : and(condition, value);
    }

    /** A case-insensitive substring search over several columns. */
    public Where search(String text, String... columns) {
        if (text == null || text.isBlank()) {
            return this;
        }
        String pattern = "%" + text.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        var condition = new StringBuilder();
        for (String column : columns) {
            condition.append(condition.isEmpty() ? "" : " OR ").append(column).append(" LIKE ?");
            args.add(pattern);
        }
        sql.append(" AND (").append(condition).append(')');
        return this;
    }

    public String sql() {
        return sql.toString();
    }

    public Object[] args() {
        return args.toArray();
    }

    /** The arguments followed by more (LIMIT and OFFSET). */
    public Object[] argsWith(Object... more) {
        var all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray();
    }
}
