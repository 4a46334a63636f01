package dev.psi.kernel.db;

import dev.psi.contract.common.Page;
import dev.psi.kernel.web.PageRequest;
import java.sql.SQLException;

/** Runs a list query one page at a time, with the total count for the pager. */
public final class Pages {

    private Pages() {
    }

    /**
     * @param select the SELECT ... FROM ... part, without WHERE
     * @param orderBy an ORDER BY clause that makes the order total (end with a unique column)
     */
    public static <T> Page<T> fetch(Tx tx, String select, Where where, String orderBy, PageRequest page,
                                    Tx.RowMapper<T> mapper) throws SQLException {
        String from = select.substring(select.toUpperCase().indexOf(" FROM "));
        long total = tx.count("SELECT COUNT(*) AS n" + from + where.sql(), where.args());
        var items = total == 0 ? java.util.List.<T>of()
                : tx.list(select + where.sql() + " " + orderBy + " LIMIT ? OFFSET ?", mapper,
                        where.argsWith(page.size(), page.offset()));
        return Page.of(items, page.page(), page.size(), total);
    }
}
