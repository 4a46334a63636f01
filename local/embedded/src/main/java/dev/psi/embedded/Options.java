package dev.psi.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@link Infrastructure#start} starts and where. {@link #in(Path)} gives the defaults; each
 * wither returns a changed copy.
 *
 * @param dataDir         the embedded servers' data: {@code mariadb/}, {@code redis/}, {@code kafka/}; kept across runs
 * @param fresh           wipe that data before starting
 * @param env             the environment to read DATABASE_*, REDIS_*, KAFKA_BOOTSTRAP_SERVERS and PSI_EMBEDDED from
 * @param probe           which addresses are asked before an embedded server replaces them
 * @param databasePort    the embedded MariaDB's port; 0 for any free port
 * @param redisPort       the embedded Redis's port; 0 for any free port
 * @param kafkaPort       the embedded broker's port (its controller takes the next one); 0 for any free pair
 * @param logDir          where the embedded servers write {@code mariadb.log}, {@code redis.log}, {@code kafka.log}
 * @param cacheDir        unpacked binaries, shared by every data directory of this user
 * @param kafkaTopics     topics the embedded broker creates before it reports ready (others are created on use)
 * @param kafkaPartitions partitions of those topics
 * @param persistentKafka keep the broker's data under {@code dataDir/kafka}; false: a temp dir deleted when it stops
 */
public record Options(Path dataDir, boolean fresh, Function<String, String> env, Probe probe, int databasePort,
                      int redisPort, int kafkaPort, Path logDir, Path cacheDir, List<String> kafkaTopics,
                      int kafkaPartitions, boolean persistentKafka) {

    public Options {
        dataDir = dataDir.toAbsolutePath().normalize();
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(probe, "probe");
        logDir = logDir.toAbsolutePath().normalize();
        cacheDir = cacheDir.toAbsolutePath().normalize();
        kafkaTopics = List.copyOf(kafkaTopics);
    }

    /** Data in {@code dataDir}, logs in {@code dataDir/logs}, binaries in {@code ~/.cache/psi}, free ports, nothing probed. */
    public static Options in(Path dataDir) {
        return new Options(dataDir, false, System::getenv, Probe.NONE, 0, 0, 0, dataDir.resolve("logs"),
                Path.of(System.getProperty("user.home"), ".cache", "psi"), List.of(), 3, true);
    }

    public Options fresh(boolean wipe) {
        return new Options(dataDir, wipe, env, probe, databasePort, redisPort, kafkaPort, logDir, cacheDir, kafkaTopics,
                kafkaPartitions, persistentKafka);
    }

    public Options env(Function<String, String> lookup) {
        return new Options(dataDir, fresh, lookup, probe, databasePort, redisPort, kafkaPort, logDir, cacheDir,
                kafkaTopics, kafkaPartitions, persistentKafka);
    }

    public Options probe(Probe which) {
        return new Options(dataDir, fresh, env, which, databasePort, redisPort, kafkaPort, logDir, cacheDir, kafkaTopics,
                kafkaPartitions, persistentKafka);
    }

    public Options databasePort(int port) {
        return new Options(dataDir, fresh, env, probe, port, redisPort, kafkaPort, logDir, cacheDir, kafkaTopics,
                kafkaPartitions, persistentKafka);
    }

    public Options redisPort(int port) {
        return new Options(dataDir, fresh, env, probe, databasePort, port, kafkaPort, logDir, cacheDir, kafkaTopics,
                kafkaPartitions, persistentKafka);
    }

    public Options kafkaPort(int port) {
        return new Options(dataDir, fresh, env, probe, databasePort, redisPort, port, logDir, cacheDir, kafkaTopics,
                kafkaPartitions, persistentKafka);
    }

    public Options logDir(Path dir) {
        return new Options(dataDir, fresh, env, probe, databasePort, redisPort, kafkaPort, dir, cacheDir, kafkaTopics,
                kafkaPartitions, persistentKafka);
    }

    public Options cacheDir(Path dir) {
        return new Options(dataDir, fresh, env, probe, databasePort, redisPort, kafkaPort, logDir, dir, kafkaTopics,
                kafkaPartitions, persistentKafka);
    }

    public Options kafkaTopics(List<String> topics, int partitions) {
        return new Options(dataDir, fresh, env, probe, databasePort, redisPort, kafkaPort, logDir, cacheDir, topics,
                partitions, persistentKafka);
    }

    public Options persistentKafka(boolean keep) {
        return new Options(dataDir, fresh, env, probe, databasePort, redisPort, kafkaPort, logDir, cacheDir, kafkaTopics,
                kafkaPartitions, keep);
    }
}
