package dev.psi.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load step: order {@code i} has an intended start {@code t0 + i/r} on a fixed schedule, is sent then
 * (asynchronously, whatever the earlier ones are doing), and its latency counts from that intended start to the
 * moment the target says it reached its end state, so a queue anywhere (the sender's included) shows in the
 * figures instead of slowing the load down (no coordinated omission). Orders of the first {@code warmup} seconds
 * are sent but not counted; the step then waits (bounded) until the target has nothing left in flight.
 */
final class OpenLoop {

    /** The system under load, as the sender sees it. */
    interface Target {
        /** Starts creating order {@code index}; completes with the order's number, or exceptionally. */
        CompletableFuture<String> create(long index);

        /** How many created orders have not reached their end state yet (polled while draining). */
        long pending() throws Exception;

        /** When each of {@code numbers} reached its end state (epoch microseconds); absent: not (yet). */
        Map<String, Finish> finished(List<String> numbers) throws Exception;
    }

    /** An order's end: when, and whether it was refused (REJECTED) rather than done (CONFIRMED). */
    record Finish(long micros, boolean rejected) {
    }

    /** How a step is run. */
    record Plan(double rate, Duration warmup, Duration measure, int maxInFlight, Duration maxLag, Duration drain) {
    }

    /**
     * What one step measured, latencies in milliseconds from the intended start (nearest rank; an order that was
     * not sent, failed, or had not finished when the drain wait ended counts as infinitely late).
     *
     * @param intended   orders the schedule of the measured part held
     * @param created    of them, created (the target answered with a number)
     * @param finished   of them, in their end state when the wait ended
     * @param rejected   of the finished, refused
     * @param achieved   finished / (last finish - first intended start), per second
     * @param maxLagMs   the latest any order left the sender after its intended start (whole step)
     * @param trend      p50 of the last quarter of the measured orders over p50 of the first quarter
     * @param sendP99Ms  p99 from the actual send instead of the intended start (what a closed-loop view reports)
     * @param createdAll orders created in the whole step, warm-up included
     * @param firstError the first failure's message, or null
     * @param intendedOf the measured orders that were created: number to intended start (epoch microseconds)
     * @param cpuMsPerOrder CPU milliseconds of this run's processes per order sent, while sending (a lower bound
     *                   when the target falls behind: work left for later is not in it)
     */
    record Step(double offered, int intended, int created, int finished, int rejected, double achieved, double p50Ms,
                double p99Ms, double maxMs, double maxLagMs, double trend, double sendP99Ms, int createdAll,
                int notSent, String firstError, double sendSeconds, String cpu, Map<String, Long> intendedOf,
                double cpuMsPerOrder) {

        /** Achieved under 95 % of offered, or the latency still climbing at the end of the step. */
        boolean saturated() {
            return achieved < 0.95 * offered || finished < intended
                    || (trend > 2 && p99Ms > 100);
        }
    }

    /** One sender client for every step: Java 17's HttpClient cannot be closed. HTTP/1.1, a pool per connection. */
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "open-loop-client");
                t.setDaemon(true);
                return t;
            })).build();

    private OpenLoop() {
    }

    static Step run(Target target, Plan plan) throws Exception {
        double rate = plan.rate();
        int warm = (int) Math.round(rate * plan.warmup().toNanos() / 1e9);
        int total = warm + (int) Math.round(rate * plan.measure().toNanos() / 1e9);
        long[] intended = new long[total];
        long[] sent = new long[total];
        String[] numbers = new String[total];
        var firstError = new AtomicReference<String>();
        var inFlight = new Semaphore(plan.maxInFlight());
        long lead = TimeUnit.MILLISECONDS.toNanos(50);
        long startNanos = System.nanoTime() + lead;
        long startMicros = nowMicros() + lead / 1_000;
        long maxLag = 0;
        int notSent = 0;
        var cpuBefore = Cpu.snapshot();
        for (int i = 0; i < total; i++) {
            long offset = (long) (i * 1e9 / rate);
            long due = startNanos + offset;
            intended[i] = startMicros + offset / 1_000;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                inFlight.acquire();
            }
            long lag = System.nanoTime() - due;
            maxLag = Math.max(maxLag, lag);
            if (lag > plan.maxLag().toNanos()) {
                // The target takes less than the schedule asks; the rest would only make the backlog longer.
                inFlight.release();
                notSent = total - i;
                break;
            }
            sent[i] = nowMicros();
            final int index = i;
            CompletableFuture<String> creating;
            try {
                creating = target.create(i);
            } catch (RuntimeException e) {
                creating = CompletableFuture.failedFuture(e);
            }
            creating.whenComplete((number, error) -> {
                if (error != null) {
                    firstError.compareAndSet(null, String.valueOf(error.getMessage()));
                } else {
                    numbers[index] = number;
                }
                inFlight.release();
            });
        }
        double sendSeconds = (System.nanoTime() - startNanos) / 1e9;
        var cpuAfter = Cpu.snapshot();
        // every create answered (bounded by the client's request timeout)
        inFlight.tryAcquire(plan.maxInFlight(), 60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + plan.drain().toNanos();
        while (target.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        var created = new ArrayList<String>();
        for (String n : numbers) {
            if (n != null) {
                created.add(n);
            }
        }
        Map<String, Finish> done = target.finished(created);
        var perOrder = Cpu.perOperation(cpuBefore, cpuAfter, total - notSent);
        return measure(rate, warm, intended, sent, numbers, done, maxLag, notSent, created.size(), firstError.get(),
                sendSeconds, Cpu.describe(cpuBefore, cpuAfter, sendSeconds) + "; " + perOrder + " sent",
                perOrder.oursMs());
    }

    /** The figures of the measured orders {@code warm..}: pure arithmetic over what the step recorded. */
    static Step measure(double rate, int warm, long[] intended, long[] sent, String[] numbers, Map<String, Finish> done,
                        long maxLagNanos, int notSent, int createdAll, String firstError, double sendSeconds, String cpu,
                        double cpuMsPerOrder) {
        int measured = intended.length - warm;
        long[] latency = new long[measured];
        var fromSend = new ArrayList<Long>();
        int created = 0;
        int finished = 0;
        int rejected = 0;
        long lastFinish = Long.MIN_VALUE;
        for (int i = warm; i < intended.length; i++) {
            Finish f = numbers[i] == null ? null : done.get(numbers[i]);
            created += numbers[i] == null ? 0 : 1;
            if (f == null) {
                latency[i - warm] = Long.MAX_VALUE;
                continue;
            }
            finished++;
            rejected += f.rejected() ? 1 : 0;
            lastFinish = Math.max(lastFinish, f.micros());
            latency[i - warm] = f.micros() - intended[i];
            fromSend.add(f.micros() - sent[i]);
        }
        double achieved = finished == 0 ? 0 : finished / ((lastFinish - intended[warm]) / 1e6);
        var intendedOf = new java.util.HashMap<String, Long>();
        for (int i = warm; i < intended.length; i++) {
            if (numbers[i] != null) {
                intendedOf.put(numbers[i], intended[i]);
            }
        }
        int quarter = Math.max(1, measured / 4);
        double trend = ms(rank(Arrays.copyOfRange(latency, measured - quarter, measured), 0.5))
                / ms(rank(Arrays.copyOfRange(latency, 0, quarter), 0.5));
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        long[] sendSorted = fromSend.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Step(rate, measured, created, finished, rejected, achieved, ms(rank(sorted, 0.5)),
                ms(rank(sorted, 0.99)), ms(sorted.length == 0 ? Long.MAX_VALUE : sorted[sorted.length - 1]),
                maxLagNanos / 1e6, trend, ms(rank(sendSorted, 0.99)), createdAll, notSent, firstError, sendSeconds, cpu,
                intendedOf, cpuMsPerOrder);
    }

    /** Nearest rank of an ascending array (sorts a copy when given an unsorted one). */
    static long rank(long[] values, double q) {
        if (values.length == 0) {
            return Long.MAX_VALUE;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Microseconds to milliseconds; "infinitely late" stays infinite. */
    private static double ms(long micros) {
        return micros == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : micros / 1e3;
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    static List<Double> rates(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Double::valueOf).toList();
    }
}
