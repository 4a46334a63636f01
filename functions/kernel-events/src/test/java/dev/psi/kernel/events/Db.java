package dev.psi.kernel.events;

import dev.psi.testing.TestInfrastructure;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC against the test database, for asserting what the code under test stored. */
final class Db {

    private Db() {
    }

    static List<Map<String, Object>> rows(String sql, Object... args) {
        try (var connection = TestInfrastructure.get().connection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (var resultSet = statement.executeQuery()) {
                var rows = new ArrayList<Map<String, Object>>();
                var meta = resultSet.getMetaData();
                while (resultSet.next()) {
                    var row = new LinkedHashMap<String, Object>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), resultSet.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> one(String sql, Object... args) {
        var rows = rows(sql, args);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows + " for " + sql);
        }
        return rows.get(0);
    }

    static long count(String sql, Object... args) {
        return ((Number) one(sql, args).values().iterator().next()).longValue();
    }

    static int update(String sql, Object... args) {
        try (var connection = TestInfrastructure.get().connection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outbox row of an event. */
    static Map<String, Object> outboxRow(String eventId) {
        return one("SELECT id, topic, message_key, published_at, attempts, last_error FROM outbox WHERE event_id = ?", eventId);
    }
}
