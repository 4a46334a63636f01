package dev.psi.kernel.db;

import java.sql.SQLException;

/** A database failure that is not the caller's to handle; answered as 503 or 500. */
public final class DataAccessException extends RuntimeException {

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }
}
