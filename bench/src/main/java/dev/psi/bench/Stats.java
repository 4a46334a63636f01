package dev.psi.bench;

import java.util.Arrays;

/** Latency percentiles (nearest rank) of a set of samples in nanoseconds. */
record Stats(int count, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

    static Stats of(long[] nanos) {
        if (nanos.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return new Stats(sorted.length, ms(sum / sorted.length), ms(rank(sorted, 0.50)), ms(rank(sorted, 0.95)),
                ms(rank(sorted, 0.99)), ms(sorted[sorted.length - 1]));
    }

    /** The smallest sample with at least {@code q} of all samples at or below it. */
    private static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(double nanos) {
        return nanos / 1_000_000.0;
    }
}
