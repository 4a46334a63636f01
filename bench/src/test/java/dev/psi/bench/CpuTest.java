package dev.psi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuTest {

    @Test
    void shouldChargeEveryListedProcessAndTheWholeMachinePerOperation() {
        var before = new Cpu.Snapshot(1_000, 10_000, Map.of(Cpu.BENCH_JVM, 100L, "stock-adjust", 50L, "mariadbd", 10L));
        // 4 seconds of 2 cores (800 jiffies), 300 of them busy; this run's processes used 250 of those
        var after = new Cpu.Snapshot(1_300, 10_800,
                Map.of(Cpu.BENCH_JVM, 260L, "stock-adjust", 100L, "mariadbd", 50L));

        var perOperation = Cpu.perOperation(before, after, 500);

        assertEquals(5.0, perOperation.oursMs(), 1e-9, "250 jiffies = 2.5 s of CPU over 500 operations");
        assertEquals(6.0, perOperation.machineMs(), 1e-9, "300 busy jiffies = 3 s over 500 operations");
        assertTrue(perOperation.toString().startsWith("5.00 ms of CPU per operation"), perOperation.toString());
        assertEquals(3.2, perOperation.ms(Cpu.BENCH_JVM), 1e-9, "160 jiffies of the bench JVM");
        assertEquals(1.8, perOperation.systemMs(), 1e-9, "the system without the bench JVM: 50 + 40 jiffies");
        assertEquals("stock-adjust 1.00, mariadbd 0.80", perOperation.systemParts());
        String described = Cpu.describe(before, after, 4.0);
        assertTrue(described.contains("; " + Cpu.BENCH_JVM + " 0.40, stock-adjust 0.13, mariadbd 0.10; everything else"),
                described);
    }

    @Test
    void shouldGiveNoFigureWithoutOperations() {
        var snapshot = new Cpu.Snapshot(1, 2, Map.of());
        assertTrue(Double.isNaN(Cpu.perOperation(snapshot, snapshot, 0).oursMs()));
    }
}
