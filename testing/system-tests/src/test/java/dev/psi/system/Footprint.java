package dev.psi.system;

import dev.psi.testing.TestInfrastructure;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Row count and content checksum of every table with a tenant column, for one tenant: equal means unchanged. */
record Footprint(Map<String, String> tables) {

    static Footprint of(String tenant) {
        var result = new TreeMap<String, String>();
        try (var c = TestInfrastructure.get().connection()) {
            var columns = new TreeMap<String, List<String>>();
            try (var s = c.prepareStatement("SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position");
                 var r = s.executeQuery()) {
                while (r.next()) {
                    columns.computeIfAbsent(r.getString(1), t -> new ArrayList<>()).add(r.getString(2));
                }
            }
            for (var table : columns.entrySet()) {
                if (!table.getValue().contains("tenant_id")) {
                    continue;
                }
                String row = "CONCAT_WS('|', " + String.join(", ", table.getValue().stream()
                        .map(col -> "COALESCE(CAST(`" + col + "` AS CHAR), 'NULL')").toList()) + ")";
                try (var s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(CRC32(" + row + ")), 0) FROM `"
                        + table.getKey() + "` WHERE tenant_id = ?")) {
                    s.setString(1, tenant);
                    try (var r = s.executeQuery()) {
                        r.next();
                        result.put(table.getKey(), r.getLong(1) + " rows, crc " + r.getString(2));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Footprint(result);
    }
}
