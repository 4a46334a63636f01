package dev.psi.catalog;

import dev.psi.testing.TestInfrastructure;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC reads of this test run's database: what the function really stored. */
final class Rows {

    private Rows() {
    }

    static long count(String sql, Object... args) {
        try (var connection = TestInfrastructure.get().connection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The only row of {@code sql} as column label to value, or an empty map when there is none. */
    static Map<String, Object> one(String sql, Object... args) {
        try (var connection = TestInfrastructure.get().connection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (var rows = statement.executeQuery()) {
                var row = new LinkedHashMap<String, Object>();
                if (rows.next()) {
                    var meta = rows.getMetaData();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), rows.getObject(c));
                    }
                    if (rows.next()) {
                        throw new IllegalStateException("more than one row: " + sql);
                    }
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row of {@code sql}, as text. */
    static List<String> column(String sql, Object... args) {
        try (var connection = TestInfrastructure.get().connection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (var rows = statement.executeQuery()) {
                var values = new ArrayList<String>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** How many rows a tenant has in each table a bad request must leave alone. */
    static Map<String, Long> footprint(String tenant) {
        var counts = new LinkedHashMap<String, Long>();
        for (String table : new String[] {"products", "warehouses", "suppliers", "customers", "audit_log", "idempotency_keys"}) {
            counts.put(table, count("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?", tenant));
        }
        return counts;
    }
}
