package dev.psi.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the CPU went during a measurement, from /proc: the whole machine, and each process of this
 * run (this JVM with the dispatcher and the clients, every function, the Kafka broker) plus the
 * shared MariaDB and Redis servers. On a shared machine, "machine" minus the listed processes is
 * somebody else's work: noise.
 */
final class Cpu {

    /** A reading: busy and total jiffies of the machine and jiffies per named process. */
    record Snapshot(long busy, long total, Map<String, Long> processes) {
    }

    private static final long HZ = 100;
    /** This JVM: the load's clients and the dispatcher, which a deployment runs on other machines. */
    static final String BENCH_JVM = "bench JVM (clients, dispatcher)";

    private Cpu() {
    }

    static Snapshot snapshot() {
        long busy = 0;
        long total = 0;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < cpu.length; i++) {
                long v = Long.parseLong(cpu[i]);
                total += i <= 8 ? v : 0; // user nice system idle iowait irq softirq steal (guest is in user)
                busy += (i <= 8 && i != 4 && i != 5) ? v : 0;
            }
        } catch (IOException | RuntimeException e) {
            return new Snapshot(0, 0, Map.of());
        }
        var processes = new LinkedHashMap<String, Long>();
        processes.put(BENCH_JVM, jiffies(ProcessHandle.current().pid()));
        ProcessHandle.current().descendants().forEach(p -> processes.merge(label(p.pid()), jiffies(p.pid()), Long::sum));
        ProcessHandle.allProcesses().forEach(p -> {
            String command = command(p.pid());
            if (command.contains("mariadbd") || command.contains("mysqld")) {
                processes.merge("mariadbd", jiffies(p.pid()), Long::sum);
            } else if (command.contains("redis-server")) {
                processes.merge("redis-server", jiffies(p.pid()), Long::sum);
            }
        });
        return new Snapshot(busy, total, processes);
    }

    /** "machine 1.9 of 2 cores busy: stock-adjust 0.7, mariadbd 0.5, ..." between two readings. */
    static String describe(Snapshot before, Snapshot after, double seconds) {
        if (after.total() == 0 || seconds <= 0) {
            return "(no /proc)";
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double machine = cores * (double) (after.busy() - before.busy()) / Math.max(1, after.total() - before.total());
        var used = new LinkedHashMap<String, Double>();
        cpuSeconds(before, after).forEach((process, cpu) -> used.put(process, cpu / seconds));
        double ours = used.values().stream().mapToDouble(Double::doubleValue).sum();
        String parts = largestFirst(used, 0.02, "");
        return String.format("machine %.2f of %d cores busy; %s; everything else %.2f", machine, cores, parts,
                Math.max(0, machine - ours));
    }

    /**
     * Milliseconds of CPU per operation between two readings: the processes of this run (this JVM, its children,
     * MariaDB, Redis) and the whole machine, whose difference is somebody else's work.
     */
    static PerOperation perOperation(Snapshot before, Snapshot after, long operations) {
        if (after.total() == 0 || operations <= 0) {
            return new PerOperation(Double.NaN, Double.NaN, Map.of());
        }
        var byProcess = new LinkedHashMap<String, Double>();
        cpuSeconds(before, after).forEach((process, cpu) -> byProcess.put(process, cpu * 1000.0 / operations));
        double ours = byProcess.values().stream().mapToDouble(Double::doubleValue).sum();
        long machine = after.busy() - before.busy(); // /proc/stat's first line sums every core's jiffies
        return new PerOperation(ours, machine * 1000.0 / HZ / operations, byProcess);
    }

    /** CPU seconds each process of the readings used between them. */
    private static Map<String, Double> cpuSeconds(Snapshot before, Snapshot after) {
        var seconds = new LinkedHashMap<String, Double>();
        after.processes().forEach((process, jiffies) ->
                seconds.put(process, (jiffies - before.processes().getOrDefault(process, 0L)) / (double) HZ));
        return seconds;
    }

    /** "stock-adjust 0.70, mariadbd 0.50, ...": the values of at least {@code min}, largest first, without {@code except}. */
    private static String largestFirst(Map<String, Double> values, double min, String except) {
        return values.entrySet().stream().filter(e -> !e.getKey().equals(except) && e.getValue() >= min)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
    }

    /** CPU milliseconds per operation: of this run's processes, of the whole machine, and of each process. */
    record PerOperation(double oursMs, double machineMs, Map<String, Double> byProcessMs) {

        PerOperation {
            byProcessMs = Map.copyOf(byProcessMs);
        }

        /** One process's milliseconds per operation (0 when it did not run). */
        double ms(String process) {
            return byProcessMs.getOrDefault(process, 0.0);
        }

        /** This run's processes without the bench JVM: what the system itself (functions, database, broker) spent. */
        double systemMs() {
            return oursMs - ms(BENCH_JVM);
        }

        /** "stock-adjust 4.10, mariadbd 3.60, ..." for the processes of the system, largest first. */
        String systemParts() {
            return largestFirst(byProcessMs, 0.05, BENCH_JVM);
        }

        @Override
        public String toString() {
            return String.format("%.2f ms of CPU per operation in this run's processes (%.2f ms machine-wide)", oursMs,
                    machineMs);
        }
    }

    private static String label(long pid) {
        String command = command(pid);
        for (String function : dev.psi.local.LocalSystem.FUNCTIONS) {
            if (command.contains("/" + function + ".jar")) {
                return function;
            }
        }
        if (command.contains("kafka") || command.contains("Kafka")) {
            return "kafka broker";
        }
        return "other child";
    }

    private static String command(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static long jiffies(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
