package dev.psi.kernel.db;

import dev.psi.contract.common.Page;
import dev.psi.kernel.web.PageRequest;
import java.sql.SQLException;
import java.util.List;

/** Runs a list query one page at a time, with the total count for the pager. */
public final class Pages {

    private Pages() {
    }

    /**
     * @param orderBy an ORDER BY clause that makes the order total (end with a unique column)
     */
    public static <T> Page<T> fetch(Tx tx, ListQuery query, Where where, String orderBy, PageRequest page,
                                    Tx.RowMapper<T> mapper) throws SQLException {
        long total = tx.count(query.count() + where.sql(), where.args());
        // A page beyond the last row is empty without asking (its offset may not even fit the server's LIMIT).
        var items = total <= page.offset() ? List.<T>of()
                : tx.list(query.select() + where.sql() + " " + orderBy + " LIMIT ? OFFSET ?", mapper,
                        where.argsWith(page.size(), page.offset()));
        return Page.of(items, page.page(), page.size(), total);
    }
}
