package dev.psi.kernel.db;

/**
 * A list query without its WHERE clause: the columns it selects and the FROM clause it reads (the
 * table and its joins). {@link Pages} counts over the same FROM, so the count and the page cannot
 * disagree about which rows there are.
 *
 * @param columns e.g. {@code p.sku, p.name, w.code AS warehouse_code}
 * @param from    e.g. {@code stock s JOIN products p ON p.id = s.product_id}, without the keyword
 */
public record ListQuery(String columns, String from) {

    /** {@code SELECT columns FROM from}, to which a WHERE clause may be appended. */
    public String select() {
        return "SELECT " + columns + " FROM " + from;
    }

    String count() {
        return "SELECT COUNT(*) AS n FROM " + from;
    }
}
