package dev.psi.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC on this test run's database: what a function really stored, and rows a test writes itself. */
public final class Rows {

    private Rows() {
    }

    /** The first column of the first row of {@code sql}, as a number (a COUNT). */
    public static long count(String sql, Object... args) {
        return query(sql, args, rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    /** The only row of {@code sql} as column label to value, or an empty map when there is none. */
    public static Map<String, Object> one(String sql, Object... args) {
        return query(sql, args, rows -> {
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
        });
    }

    /** The first column of every row of {@code sql}, as text. */
    public static List<String> column(String sql, Object... args) {
        return query(sql, args, rows -> {
            var values = new ArrayList<String>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        });
    }

    /**
     * How many rows the tenant has in each table of the schema with a {@code tenant_id} column: equal
     * before and after a request that must change nothing.
     */
    public static Map<String, Long> footprint(String tenant) {
        var counts = new LinkedHashMap<String, Long>();
        for (String table : column("SELECT table_name FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND column_name = 'tenant_id' ORDER BY table_name")) {
            counts.put(table, count("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?", tenant));
        }
        return counts;
    }

    /** Runs an INSERT, UPDATE or DELETE; answers the rows it changed. */
    public static int execute(String sql, Object... args) {
        try (Connection connection = TestInfrastructure.get().connection();
                PreparedStatement statement = prepare(connection, sql, args)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> T query(String sql, Object[] args, Reader<T> reader) {
        try (Connection connection = TestInfrastructure.get().connection();
                PreparedStatement statement = prepare(connection, sql, args);
                ResultSet rows = statement.executeQuery()) {
            return reader.read(rows);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] args) throws SQLException {
        var statement = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }
}
