import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bench/coldstart driver (JDK only; run with the source launcher). Arguments: runs, then
 * name=javaCommandLine|path pairs. Runs are interleaved (each target once per round, floor first)
 * so machine noise hits every target alike. Per run: launch -> first 2xx on path (ms), CPU
 * seconds of the process until then (/proc/pid/stat utime+stime), RSS after start and after
 * 1,000 requests (/proc/pid/status VmRSS). Prints a Markdown table with ratios to "floor".
 * A path is "/x" (GET) or "POST /x @file" (the file's JSON as the body). Every request carries
 * "Authorization: Bearer $COLDSTART_TOKEN" when that is set (the floor ignores it).
 */
public final class ColdStart {
    record Target(String name, List<String> command, String path) { }
    record Run(double ms, double cpu, double rssStart, double rss1000) { }

    static int requests = 1000;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    public static void main(String[] args) throws Exception {
        if (args[0].equals("train")) { // train <name=cmd|path>: one start, 50 answers, SIGTERM (writes an AOT cache)
            String[] nv = args[1].split("=", 2);
            String[] cp = nv[1].split("\\|", 2);
            requests = 50;
            once(new Target(nv[0], List.of(cp[0].trim().split("\\s+")), cp[1]));
            return;
        }
        int runs = Integer.parseInt(args[0]);
        List<Target> targets = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] nv = args[i].split("=", 2);
            String[] cp = nv[1].split("\\|", 2);
            targets.add(new Target(nv[0], List.of(cp[0].trim().split("\\s+")), cp[1]));
        }
        Map<String, List<Run>> results = new LinkedHashMap<>();
        targets.forEach(t -> results.put(t.name(), new ArrayList<>()));
        for (int round = 0; round < runs; round++) {
            for (Target t : targets) {
                Run r = once(t);
                results.get(t.name()).add(r);
                System.err.printf("round %d %s %.0f ms %.2f cpu-s %.0f/%.0f MB%n", round, t.name(), r.ms(), r.cpu(), r.rssStart(), r.rss1000());
            }
        }
        System.out.println("Load: " + Files.readString(Path.of("/proc/loadavg")).trim() + " (1/5/15-min), cores: "
                + Runtime.getRuntime().availableProcessors() + ", runs: " + runs);
        System.out.println();
        System.out.println("| target | first answer ms med (min-max) | x floor | CPU-s med | x floor | RSS start MB | x floor | RSS after 1000 MB | x floor |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        List<Run> floor = results.get("floor");
        for (var e : results.entrySet()) {
            List<Run> rs = e.getValue();
            double ms = med(rs, 0), cpu = med(rs, 1), rs0 = med(rs, 2), rs1 = med(rs, 3);
            System.out.printf("| %s | %.0f (%.0f-%.0f) | %s | %.2f | %s | %.0f | %s | %.0f | %s |%n", e.getKey(), ms, min(rs, 0), max(rs, 0),
                    ratio(ms, floor, 0), cpu, ratio(cpu, floor, 1), rs0, ratio(rs0, floor, 2), rs1, ratio(rs1, floor, 3));
        }
    }

    static String ratio(double v, List<Run> floor, int i) {
        return floor == null ? "-" : String.format("%.1f", v / med(floor, i));
    }

    static double val(Run r, int i) {
        return switch (i) { case 0 -> r.ms(); case 1 -> r.cpu(); case 2 -> r.rssStart(); default -> r.rss1000(); };
    }

    static double med(List<Run> rs, int i) {
        double[] v = rs.stream().mapToDouble(r -> val(r, i)).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double min(List<Run> rs, int i) { return rs.stream().mapToDouble(r -> val(r, i)).min().orElse(0); }

    static double max(List<Run> rs, int i) { return rs.stream().mapToDouble(r -> val(r, i)).max().orElse(0); }

    static Run once(Target t) throws Exception {
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var pb = new ProcessBuilder(t.command()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PORT", String.valueOf(port));
        String[] probe = t.path().trim().split("\\s+");
        String method = probe.length > 1 ? probe[0] : "GET";
        var uri = URI.create("http://127.0.0.1:" + port + probe[probe.length > 1 ? 1 : 0]);
        byte[] body = probe.length > 2 ? Files.readAllBytes(Path.of(probe[2].substring(1))) : null;
        java.util.function.Supplier<HttpRequest> request = () -> {
            var b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
            String token = System.getenv("COLDSTART_TOKEN");
            if (token != null && !token.isBlank()) {
                b.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return b.build();
        };
        int lastStatus = 0;
        long start = System.nanoTime();
        Process p = pb.start();
        try {
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(t.name() + " exited with " + p.exitValue());
                }
                if (System.nanoTime() - start > 60_000_000_000L) {
                    throw new IllegalStateException(t.name() + " gave no 2xx on " + method + " " + uri + " within 60 s (last status " + lastStatus + ")");
                }
                try {
                    var resp = HTTP.send(request.get(), HttpResponse.BodyHandlers.discarding());
                    if (resp.statusCode() / 100 == 2) {
                        break;
                    }
                    lastStatus = resp.statusCode();
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(5);
            }
            double ms = (System.nanoTime() - start) / 1e6;
            double cpu = cpuSeconds(p.pid());
            double rss0 = rssMb(p.pid());
            for (int i = 0; i < requests; i++) {
                var resp = HTTP.send(request.get(), HttpResponse.BodyHandlers.discarding());
                if (resp.statusCode() / 100 != 2) {
                    throw new IllegalStateException(t.name() + ": request " + i + " answered " + resp.statusCode());
                }
            }
            return new Run(ms, cpu, rss0, rssMb(p.pid()));
        } finally {
            p.destroy();
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime (fields 14, 15)
    }

    static double rssMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return 0;
    }
}
