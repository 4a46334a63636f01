package dev.psi.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanRegistration;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The regression guard of a function's cold start (not timed): start it as a scale-to-zero start does, before any
 * request, and look at what it created. Nothing that can wait may be there: no pool, no Kafka producer, no Redis
 * connection, no migration (neither their beans nor their threads); PSI's own beans only from a recorded list;
 * and the number of singletons within a recorded budget. A change that adds eager start-up work fails here; a
 * deliberate one updates the list or the budget in the function's test, where a reviewer sees it.
 */
public final class StartupWork {

    /** Bean types and thread names of work that must wait for its first use. */
    static final List<String> DEFERRED = List.of("org.apache.kafka", "kafka-producer", "io.lettuce", "lettuce",
            "org.flywaydb", "com.zaxxer.hikari", "housekeeper", "psi-primary", "psi-replica");

    /** What a start created: the types of the singletons, PSI's own among them, the threads it started. */
    public record Report(Set<String> beans, Set<String> psiBeans, Set<String> threads) {
    }

    private StartupWork() {
    }

    public static Report start() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                TestInfrastructure.get().properties(true))) {
            ApplicationContext context = server.getApplicationContext();
            Set<String> beans = context.getActiveBeanRegistrations(Object.class).stream()
                    .map(BeanRegistration::getBeanDefinition).map(d -> d.getBeanType().getName())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> psi = beans.stream().filter(b -> b.startsWith("dev.psi."))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> threads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !before.contains(t)).map(Thread::getName).collect(Collectors.toCollection(TreeSet::new));
            return new Report(beans, psi, threads);
        }
    }

    /**
     * Fails unless a start of this function does only what it may: PSI's beans all in {@code allowedPsiBeans},
     * at most {@code budget} singletons, nothing of {@link #DEFERRED}.
     */
    public static Report assertOnlyWhatCannotWait(Set<String> allowedPsiBeans, int budget) {
        Report report = start();
        Set<String> deferred = new TreeSet<>();
        for (String name : union(report.beans(), report.threads())) {
            if (DEFERRED.stream().anyMatch(name::contains)) {
                deferred.add(name);
            }
        }
        if (!deferred.isEmpty()) {
            throw new AssertionError("start-up created what must wait for its first use: " + deferred);
        }
        Set<String> extra = new TreeSet<>(report.psiBeans());
        extra.removeAll(allowedPsiBeans);
        if (!extra.isEmpty()) {
            throw new AssertionError("start-up created PSI beans beyond the recorded list (make them lazy, or record"
                    + " them if they must be there): " + extra);
        }
        if (report.beans().size() > budget) {
            throw new AssertionError("start-up created " + report.beans().size() + " singletons, over the budget of "
                    + budget + ": " + report.beans());
        }
        return report;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
