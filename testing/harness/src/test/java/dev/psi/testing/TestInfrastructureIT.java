package dev.psi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.psi.embedded.Infrastructure;
import dev.psi.embedded.Service;
import dev.psi.embedded.Source;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The harness gives a test JVM what it promises: its own migrated database, Redis, a Kafka broker. */
class TestInfrastructureIT {

    private final TestInfrastructure infrastructure = TestInfrastructure.get();

    @Test
    void shouldBeOneSetOfServicesPerJvm() {
        assertSame(infrastructure, TestInfrastructure.get());
    }

    @Test
    void shouldGiveThisRunADatabaseOfItsOwn() throws SQLException {
        String name = infrastructure.database().name();

        assertTrue(name.matches("psi_test_\\d{14}_[0-9a-f]{5}"), name);
        assertEquals(List.of(name), strings("SELECT DATABASE()"));
    }

    @Test
    void shouldMigrateTheDatabaseBeforeHandingItOut() throws SQLException {
        var versions = strings("SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank");
        var failed = strings("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 0");

        assertTrue(versions.size() >= 4, versions::toString);
        assertEquals("1", versions.get(0));
        assertEquals(List.of("0"), failed);
        var tables = strings("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()");
        for (String table : List.of("tenants", "products", "warehouses", "suppliers", "customers", "stock",
                "stock_movements", "purchase_orders", "sales_orders", "outbox", "inbox", "idempotency_keys", "audit_log")) {
            assertTrue(tables.stream().anyMatch(table::equalsIgnoreCase), () -> table + " missing from " + tables);
        }
        assertEquals(List.of("demo"), strings("SELECT id FROM tenants"));
    }

    @Test
    void shouldPointAFunctionAtTheseServices() {
        var properties = infrastructure.properties(false);

        assertEquals(infrastructure.database().name(), properties.get("psi.database.name"));
        assertEquals(infrastructure.redisPort(), properties.get("psi.redis.port"));
        assertEquals(-1, properties.get("micronaut.server.port"), "a random port, so that test JVMs never collide");
        assertFalse(properties.containsKey("psi.kafka.bootstrap-servers"), "no broker unless asked for");
    }

    @Test
    void shouldReachRedis() throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(infrastructure.redisHost(), infrastructure.redisPort()), 2_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[7];
            int n = socket.getInputStream().read(reply);

            assertEquals("+PONG\r\n", new String(reply, 0, n, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void shouldProvideAKafkaBrokerThatAnswersTheKafkaProtocol() throws IOException {
        String bootstrap = infrastructure.kafkaBootstrapServers();
        String first = bootstrap.split(",")[0].replaceFirst("^[A-Za-z]+://", "");
        String host = first.substring(0, first.lastIndexOf(':'));
        int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));

        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(10_000);
            // ApiVersions v0 (api key 18): the request every Kafka client sends first, answered by every broker version.
            byte[] clientId = "psi-harness-self-test".getBytes(StandardCharsets.UTF_8);
            int correlationId = 4711;
            var out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(2 + 2 + 4 + 2 + clientId.length);
            out.writeShort(18);
            out.writeShort(0);
            out.writeInt(correlationId);
            out.writeShort(clientId.length);
            out.write(clientId);
            out.flush();
            var in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();

            assertTrue(size > 6, "response size " + size);
            assertEquals(correlationId, in.readInt(), "the broker answers our request");
            assertEquals(0, in.readShort(), "ApiVersions error code");
        }
        assertEquals(bootstrap, infrastructure.properties(true).get("psi.kafka.bootstrap-servers"));
    }

    @Test
    void shouldServeFromEmbeddedServersWhereTheConfiguredOnesDoNotAnswerIfSwitchedToWhenAbsent() {
        // .ci/run runs this module (and one function's) with closed ports configured and PSI_EMBEDDED=when-absent
        assumeTrue("when-absent".equals(System.getenv(Infrastructure.SWITCH)), "only with the switch");
        infrastructure.kafkaBootstrapServers();
        var sources = infrastructure.services().stream().collect(Collectors.toMap(Service::name, s -> s));
        var configured = Map.of("database", "DATABASE", "redis", "REDIS");
        configured.forEach((service, prefix) -> {
            String host = System.getenv(prefix + "_HOST");
            String port = System.getenv(prefix + "_PORT");
            if (host != null && port != null && !listening(host, Integer.parseInt(port))) {
                var used = sources.get(service);
                assertEquals(Source.EMBEDDED, used.source(), used::toString);
                assertTrue(ProcessHandle.of(used.pid()).map(ProcessHandle::isAlive).orElse(false), used::toString);
            }
        });
    }

    private static boolean listening(String host, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private List<String> strings(String sql) throws SQLException {
        try (var connection = infrastructure.connection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            var values = new ArrayList<String>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
