package dev.psi.kernel.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** What a MySQL/MariaDB error means, by vendor code (the same on both servers). */
public final class SqlErrors {

    private static final int DUPLICATE_KEY = 1062;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int DEADLOCK = 1213;
    private static final int CHECK_VIOLATION_MYSQL = 3819;
    private static final int CHECK_VIOLATION_MARIADB = 4025;
    private static final int OUT_OF_RANGE = 1264;
    private static final int DATA_OUT_OF_RANGE = 1690;

    private SqlErrors() {
    }

    public static boolean isDuplicateKey(Throwable e) {
        return code(e) == DUPLICATE_KEY;
    }

    /** A deadlock or lock-wait timeout: rolling back and running again is expected to succeed. */
    public static boolean isTransient(Throwable e) {
        int code = code(e);
        return code == DEADLOCK || code == LOCK_WAIT_TIMEOUT;
    }

    public static boolean isCheckViolation(Throwable e) {
        int code = code(e);
        return code == CHECK_VIOLATION_MYSQL || code == CHECK_VIOLATION_MARIADB;
    }

    /** A value, or the result of arithmetic on one, does not fit its column (strict mode refuses it). */
    public static boolean isOutOfRange(Throwable e) {
        int code = code(e);
        return code == OUT_OF_RANGE || code == DATA_OUT_OF_RANGE;
    }

    /** The database cannot be reached at all (as opposed to refusing a statement). */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    private static int code(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() != 0) {
                return s.getErrorCode();
            }
        }
        return 0;
    }
}
