package dev.psi.kernel.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in a transaction on one connection. A deadlock or lock-wait timeout rolls back and
 * retries the whole unit a few times, so callers write plain transactional code and never see a
 * transient InnoDB conflict. Work must therefore be repeatable: no side effects outside the
 * transaction except through {@link Tx#afterCommit(Runnable)}.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int MAX_ATTEMPTS = 5;

    private final String name;
    private final DataSource dataSource;
    private final boolean owner;

    public Database(String name, DataSource dataSource) {
        this(name, dataSource, true);
    }

    private Database(String name, DataSource dataSource, boolean owner) {
        this.name = name;
        this.dataSource = dataSource;
        this.owner = owner;
    }

    /** The same pool under another role (a replica that falls back to the primary). */
    Database sharedView() {
        return new Database(name, dataSource, false);
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** How much of other transactions' work a transaction sees; the server's default unless asked. */
    public enum Isolation {
        /** The server's default (REPEATABLE READ on MySQL and MariaDB). */
        DEFAULT(-1),
        /**
         * Each statement sees what has committed before it, and a locking scan locks only the rows it
         * returns, not the gaps after them.
         */
        READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED);

        private final int level;

        Isolation(int level) {
            this.level = level;
        }
    }

    /** Runs {@code work} in a read-write transaction, retrying on deadlock; commits when it returns. */
    public <T> T inTransaction(Work<T> work) {
        return inTransaction(Isolation.DEFAULT, work);
    }

    /** Runs {@code work} in a read-write transaction at {@code isolation}, retrying on deadlock. */
    public <T> T inTransaction(Isolation isolation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(work, false, isolation);
            } catch (SQLException e) {
                if (SqlErrors.isTransient(e) && attempt < MAX_ATTEMPTS) {
                    LOG.debug("transient conflict on attempt {}, retrying: {}", attempt, e.getMessage());
                    backOff(attempt);
                    continue;
                }
                throw new DataAccessException(e);
            }
        }
    }

    /** Runs {@code work} without a transaction (autocommit), for reads. */
    public <T> T read(Work<T> work) {
        try {
            return runOnce(work, true, Isolation.DEFAULT);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private <T> T runOnce(Work<T> work, boolean autoCommit, Isolation isolation) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            int previous = isolation == Isolation.DEFAULT ? -1 : connection.getTransactionIsolation();
            if (previous != -1) {
                connection.setTransactionIsolation(isolation.level);
            }
            connection.setAutoCommit(autoCommit);
            var tx = new Tx(connection);
            try {
                T result = work.run(tx);
                if (!autoCommit) {
                    connection.commit();
                }
                tx.committed();
                return result;
            } catch (Throwable e) {
                if (!autoCommit) {
                    rollbackQuietly(connection, e);
                }
                throw e;
            } finally {
                if (!autoCommit) {
                    connection.setAutoCommit(true);
                }
                if (previous != -1) {
                    connection.setTransactionIsolation(previous);
                }
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep((long) (Math.random() * 5 * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (owner && dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing database {} failed", name, e);
            }
        }
    }
}
