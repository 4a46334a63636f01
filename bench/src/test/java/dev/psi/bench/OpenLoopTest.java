package dev.psi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** The open-loop arithmetic: latency from the intended start, unfinished orders infinitely late. */
class OpenLoopTest {

    @Test
    void latencyCountsFromTheIntendedStartNotTheSend() {
        // 100 orders/s: due every 10 ms; the first 2 are warm-up. Each was sent 40 ms late and finished 10 ms after.
        int n = 102;
        long[] intended = new long[n];
        long[] sent = new long[n];
        String[] numbers = new String[n];
        var done = new HashMap<String, OpenLoop.Finish>();
        for (int i = 0; i < n; i++) {
            intended[i] = 1_000_000 + i * 10_000L;
            sent[i] = intended[i] + 40_000;
            numbers[i] = "SO-" + i;
            done.put(numbers[i], new OpenLoop.Finish(sent[i] + 10_000, false));
        }

        var step = OpenLoop.measure(100, 2, intended, sent, numbers, done, 40_000_000, 0, n, null, 1.0, "", Double.NaN);

        assertEquals(100, step.intended());
        assertEquals(100, step.finished());
        assertEquals(50.0, step.p99Ms(), 1e-9, "40 ms in the sender's queue + 10 ms of service");
        assertEquals(10.0, step.sendP99Ms(), 1e-9, "what a closed-loop client would have reported");
        // 100 finished between the first intended start (t) and the last finish (t + 990 ms + 50 ms)
        assertEquals(100 / 1.04, step.achieved(), 1e-6);
        assertFalse(step.saturated(), "achieved 96 % of offered, nothing climbing");
    }

    @Test
    void anUnfinishedOrderIsInfinitelyLateAndMarksTheStepSaturated() {
        int n = 100;
        long[] intended = new long[n];
        long[] sent = new long[n];
        String[] numbers = new String[n];
        var done = new HashMap<String, OpenLoop.Finish>();
        for (int i = 0; i < n; i++) {
            intended[i] = i * 10_000L;
            sent[i] = intended[i];
            numbers[i] = i == 7 ? null : "SO-" + i; // order 7's create failed
            if (i != 7 && i != 99) {               // order 99 never finished
                done.put(numbers[i], new OpenLoop.Finish(sent[i] + 5_000, i == 3));
            }
        }

        var step = OpenLoop.measure(100, 0, intended, sent, numbers, done, 0, 0, 99, "boom", 1.0, "", Double.NaN);

        assertEquals(99, step.created());
        assertEquals(98, step.finished());
        assertEquals(1, step.rejected());
        assertEquals(5.0, step.p50Ms(), 1e-9);
        assertTrue(Double.isInfinite(step.p99Ms()), "2 of 100 never finished: the 99th percentile is one of them");
        assertTrue(Double.isInfinite(step.maxMs()));
        assertTrue(step.saturated());
    }
}
