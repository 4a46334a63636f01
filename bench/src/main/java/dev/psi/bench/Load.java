package dev.psi.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load: a fixed number of client threads, each sending its next operation as soon as
 * the previous one answered, until {@code count} operations were started or {@code limit} passed
 * (whichever comes first). Every loop is bounded by both.
 */
final class Load {

    /** One operation; {@code seq} is unique across all clients of a run. Returns whether it succeeded. */
    @FunctionalInterface
    interface Op {
        boolean run(int client, long seq) throws Exception;
    }

    /** What a run did: latencies of every finished operation (successful or not) in nanoseconds. */
    record Result(int clients, long succeeded, long failed, Duration elapsed, long[] latencies, boolean hitTimeLimit,
                  String firstError) {

        long finished() {
            return succeeded + failed;
        }

        double perSecond() {
            return finished() / (elapsed.toNanos() / 1e9);
        }

        Stats stats() {
            return Stats.of(latencies);
        }
    }

    private Load() {
    }

    static Result run(int clients, long count, Duration limit, Op op) throws InterruptedException {
        var next = new AtomicLong();
        var succeeded = new AtomicLong();
        var failed = new AtomicLong();
        var firstError = new AtomicReference<String>();
        var samples = new ArrayList<long[]>();
        var sizes = new int[clients];
        var ready = new CountDownLatch(clients);
        var go = new CountDownLatch(1);
        var done = new CountDownLatch(clients);
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            long[] own = new long[(int) Math.min(count, 1_000_000)];
            samples.add(own);
            var thread = new Thread(() -> {
                long[] mine = own;
                int n = 0;
                ready.countDown();
                try {
                    go.await();
                    while (true) {
                        long seq = next.getAndIncrement();
                        if (seq >= count || System.nanoTime() - deadline[0] > 0) {
                            break;
                        }
                        long start = System.nanoTime();
                        boolean ok;
                        try {
                            ok = op.run(client, seq);
                        } catch (Exception e) {
                            ok = false;
                            firstError.compareAndSet(null, e.toString());
                        }
                        long took = System.nanoTime() - start;
                        if (n < mine.length) {
                            mine[n++] = took;
                        }
                        (ok ? succeeded : failed).incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    sizes[client] = n;
                    done.countDown();
                }
            }, "bench-client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long start = System.nanoTime();
        deadline[0] = start + limit.toNanos();
        go.countDown();
        done.await();
        long elapsed = System.nanoTime() - start;
        for (Thread thread : threads) {
            thread.join();
        }
        int total = Arrays.stream(sizes).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(samples.get(c), 0, all, at, sizes[c]);
            at += sizes[c];
        }
        boolean timedOut = succeeded.get() + failed.get() < count;
        return new Result(clients, succeeded.get(), failed.get(), Duration.ofNanos(elapsed), all, timedOut,
                firstError.get());
    }
}
