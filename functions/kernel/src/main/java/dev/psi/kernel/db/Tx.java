package dev.psi.kernel.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One connection inside {@link Database#inTransaction}: parameterised SQL with PSI's type rules. */
public final class Tx {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Tx.class);

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(Row row) throws SQLException;
    }

    /**
     * DATETIME(6) values go to the server as text. Connector/J drops the fraction of a
     * LocalDateTime or Timestamp parameter when the server reports a version below 5.6.4, and
     * MariaDB reports "5.5.5-10.x": every time written to MariaDB would lose its microseconds (and
     * with them the order of events within one second). A literal works the same on MySQL 8.
     */
    private static final DateTimeFormatter DATETIME_6 = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private final Connection connection;
    private final List<Runnable> afterCommit = new ArrayList<>();

    Tx(Connection connection) {
        this.connection = connection;
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, false, args); var resultSet = statement.executeQuery()) {
            var row = new Row(resultSet);
            var result = new ArrayList<T>();
            while (resultSet.next()) {
                result.add(mapper.map(row));
            }
            return result;
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> rows = list(sql, mapper, args);
        if (rows.size() > 1) {
            throw new SQLException("expected at most one row, got " + rows.size() + ": " + sql);
        }
        return rows.stream().findFirst();
    }

    public long count(String sql, Object... args) throws SQLException {
        return one(sql, row -> row.longValue("n"), args).orElse(0L);
    }

    /** Runs an INSERT, UPDATE or DELETE and returns the number of rows it matched. */
    public int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, false, args)) {
            return statement.executeUpdate();
        }
    }

    /** Runs an INSERT and returns the generated id. */
    public long insert(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, true, args)) {
            statement.executeUpdate();
            try (var keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated key: " + sql);
                }
                return keys.getLong(1);
            }
        }
    }

    /**
     * Runs {@code work}; when it throws, undoes only what it wrote (a savepoint) and rethrows, so
     * that the transaction can go on, e.g. to record a rejection instead of a partial reservation.
     */
    public <T> T attempt(Database.Work<T> work) throws SQLException {
        var savepoint = connection.setSavepoint();
        int actionsBefore = afterCommit.size();
        try {
            T result = work.run(this);
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (RuntimeException | SQLException e) {
            // What the undone work asked to do after commit (count a movement, retire a cache
            // entry, publish an event) is undone with it.
            afterCommit.subList(actionsBefore, afterCommit.size()).clear();
            try {
                connection.rollback(savepoint);
            } catch (SQLException gone) {
                // A deadlock rolls the whole transaction back, savepoint included: the original
                // error is the one to report (and to retry on), not the missing savepoint.
                e.addSuppressed(gone);
            }
            throw e;
        }
    }

    /** Runs once the transaction has committed (never after a rollback, never twice on retry). */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** The work has committed: a failing action must not turn that into an error, so each runs on its own. */
    void committed() {
        for (Runnable action : afterCommit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("an after-commit action failed; the transaction stays committed", e);
            }
        }
    }

    private PreparedStatement prepare(String sql, boolean returnKeys, Object... args) throws SQLException {
        PreparedStatement statement = returnKeys
                ? connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                : connection.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                bind(statement, i + 1, args[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof Instant instant) {
            statement.setString(index, DATETIME_6.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
        } else if (value instanceof LocalDateTime dateTime) {
            statement.setString(index, DATETIME_6.format(dateTime));
        } else if (value instanceof Enum<?> constant) {
            statement.setString(index, constant.name());
        } else {
            statement.setObject(index, value);
        }
    }
}
