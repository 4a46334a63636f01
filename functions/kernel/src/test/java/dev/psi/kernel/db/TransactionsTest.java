package dev.psi.kernel.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.contract.stock.MovementType;
import dev.psi.kernel.metrics.BusinessMetrics;
import dev.psi.testing.PsiTestResources;
import dev.psi.testing.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What {@link Database#inTransaction} promises about isolation and about work done after commit. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionsTest implements PsiTestResources {

    @Inject
    Database database;

    @Inject
    BusinessMetrics metrics;

    @Inject
    MeterRegistry meters;

    @Test
    void shouldCountABusinessMetricOnlyOnceTheTransactionCommits() {
        double before = movements(MovementType.RECEIPT);
        database.inTransaction(tx -> {
            metrics.stockMoved(tx, MovementType.RECEIPT);
            assertEquals(before, movements(MovementType.RECEIPT), "counted before the commit");
            return null;
        });
        assertEquals(before + 1, movements(MovementType.RECEIPT));
    }

    @Test
    void shouldNotCountWorkThatASavepointUndid() {
        double before = movements(MovementType.ISSUE);
        database.inTransaction(tx -> {
            assertThrows(IllegalStateException.class, () -> tx.attempt(inner -> {
                metrics.stockMoved(inner, MovementType.ISSUE);
                throw new IllegalStateException("short");
            }));
            metrics.stockMoved(tx, MovementType.ISSUE);
            return null;
        });
        assertEquals(before + 1, movements(MovementType.ISSUE), "the undone movement was counted");
    }

    @Test
    void shouldNotCountWorkThatRolledBack() {
        double before = movements(MovementType.RESERVE);
        assertThrows(IllegalStateException.class, () -> database.inTransaction(tx -> {
            metrics.stockMoved(tx, MovementType.RESERVE);
            throw new IllegalStateException("rolled back");
        }));
        assertEquals(before, movements(MovementType.RESERVE));
    }

    @Test
    void shouldSeeOtherCommitsInAReadCommittedTransactionAndNotInADefaultOne() throws SQLException {
        String action = "isolation-" + UUID.randomUUID();
        long seenByReadCommitted = database.inTransaction(Database.Isolation.READ_COMMITTED, tx -> {
            count(tx, action);
            insertElsewhere(action);
            return count(tx, action);
        });
        assertEquals(1, seenByReadCommitted);
        long seenByDefault = database.inTransaction(tx -> {
            long first = count(tx, action);
            insertElsewhere(action);
            return count(tx, action) - first;
        });
        // REPEATABLE READ: the snapshot of the first read holds, so the pooled connection is back at
        // the server's default after the READ COMMITTED transaction.
        assertEquals(0, seenByDefault);
    }

    private static long count(Tx tx, String action) throws SQLException {
        return tx.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = ?", action);
    }

    private static void insertElsewhere(String action) throws SQLException {
        try (var connection = TestInfrastructure.get().connection();
             var statement = connection.prepareStatement("INSERT INTO audit_log (tenant_id, action, entity_type,"
                     + " entity_key, created_at) VALUES ('t1', ?, 'test', 'k', NOW(6))")) {
            statement.setString(1, action);
            statement.executeUpdate();
        }
    }

    private double movements(MovementType type) {
        var counter = meters.find("psi.stock.movements").tag("type", type.name()).counter();
        return counter == null ? 0 : counter.count();
    }
}
