package dev.psi.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenLoopChainTest {

    private static OpenLoop.Step step(double offered, double achieved, double cpuMsPerOrder) {
        int n = (int) (offered * 10);
        return new OpenLoop.Step(offered, n, n, achieved >= 0.95 * offered ? n : n / 2, 0, achieved, 10, 50, 60, 1, 1,
                50, n, 0, null, 10, "", Map.of(), cpuMsPerOrder);
    }

    private static OpenLoopChain.Row row(double rate, OpenLoop.Step floor, OpenLoop.Step chain) {
        return new OpenLoopChain.Row(rate, floor, chain, "", null, null);
    }

    @Test
    void shouldNameTheCostAtTheHighestRateThatKeptUpAndTheMostTheChainFinished() {
        // the chain keeps up at 10/s at a cost that would allow 20/s, then finishes 28/s when saturated at 50/s
        var sweep = new OpenLoopChain.Sweep(6, 20, "", "", List.of(
                row(10, step(10, 10, 20), step(10, 10, 100)),
                row(50, step(50, 50, 10), step(50, 28, 60))), "", 0, 0, 0, 0, 0, 0, 0, 0, 0);

        String line = OpenLoopChain.cpuBound(sweep);

        assertTrue(line.contains("Chain at 10/s: 100.00 ms (25.0 × that"), line);
        assertTrue(line.contains("The most the chain finished in any step: 28.0 orders/s, 0.056 of the target."), line);
        assertTrue(line.contains("Floor (no database, no-op endpoints) at 50/s: 10.00 ms."), line);
        assertTrue(line.contains("The floor kept up at every rate offered (at most 50.0 orders/s finished)."), line);
    }

    @Test
    void shouldCallTheTargetOutOfReachOnlyWhenTheFloorItselfSaturatedBelowIt() {
        var sweep = new OpenLoopChain.Sweep(6, 20, "", "", List.of(
                row(200, step(200, 200, 8), step(200, 30, 60)),
                row(400, step(400, 338, 4.7), step(400, 8, 60))), "", 0, 0, 0, 0, 0, 0, 0, 0, 0);

        String line = OpenLoopChain.cpuBound(sweep);

        assertTrue(line.contains("Floor (no database, no-op endpoints) at 200/s: 8.00 ms."), line);
        assertTrue(line.contains("The floor saturated at 400/s offered and finished at most 338.0 orders/s: below the"
                + " target, so no chain through this broker and dispatcher can reach it here."), line);
        assertTrue(line.contains("Chain: saturated at every rate offered."), line);
    }
}
