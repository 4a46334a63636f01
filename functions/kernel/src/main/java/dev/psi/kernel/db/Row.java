package dev.psi.kernel.db;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** A result row with the conversions PSI uses: DATETIME(6) columns hold UTC. */
public final class Row {

    private final ResultSet resultSet;

    Row(ResultSet resultSet) {
        this.resultSet = resultSet;
    }

    public String string(String column) throws SQLException {
        return resultSet.getString(column);
    }

    public long longValue(String column) throws SQLException {
        return resultSet.getLong(column);
    }

    public int intValue(String column) throws SQLException {
        return resultSet.getInt(column);
    }

    public boolean bool(String column) throws SQLException {
        return resultSet.getBoolean(column);
    }

    /**
     * A DECIMAL without its padding zeros ({@code 50.0000} reads as {@code 50}, {@code 12.50} as
     * {@code 12.5}), so that JSON shows the number a person would write. Compare with compareTo.
     */
    public BigDecimal decimal(String column) throws SQLException {
        return Decimals.plain(resultSet.getBigDecimal(column));
    }

    public Instant instant(String column) throws SQLException {
        var value = resultSet.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    public LocalDate date(String column) throws SQLException {
        return resultSet.getObject(column, LocalDate.class);
    }
}
