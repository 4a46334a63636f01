package dev.psi.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class BrokerProcessTest {

    @Test
    void startsBrokerThatRoundTripsARecordAndStopsIt() throws Exception {
        int port = BrokerProcess.freePort();
        long t0 = System.nanoTime();
        BrokerProcess broker = BrokerProcess.start(port, Path.of("target", "broker-test.log"),
                "--topics", "psi.orders,psi.stock", "--partitions", "4");
        try {
            System.out.printf("broker ready after %d ms (pid %d)%n", (System.nanoTime() - t0) / 1_000_000, broker.pid());
            assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
            assertTrue(BrokerProcess.isListening(BrokerProcess.HOST, port));

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                Map<String, TopicDescription> topics =
                        admin.describeTopics(List.of("psi.orders", "psi.stock")).allTopicNames().get();
                topics.values().forEach(t -> assertEquals(4, t.partitions().size(), t.name()));
            }

            String value = "order-" + UUID.randomUUID();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>("psi.orders", "k1", value)).get();
            }

            // Subscribing (not assign) also exercises the group coordinator and the single-replica offsets topic.
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "broker-test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer.subscribe(List.of("psi.orders"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                ConsumerRecord<String, String> received = null;
                while (received == null && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        received = record;
                    }
                }
                if (received == null) {
                    fail("no record consumed within 30 s");
                }
                assertEquals("k1", received.key());
                assertEquals(value, received.value());
            }
        } finally {
            broker.stop();
        }
        assertFalse(broker.isAlive());
        assertFalse(BrokerProcess.isListening(BrokerProcess.HOST, port));
        assertFalse(BrokerProcess.isListening(BrokerProcess.HOST, port + 1));
    }

    @Test
    void failsFastWhenThePortIsTaken() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName(BrokerProcess.HOST))) {
            IOException e = assertThrows(IOException.class,
                    () -> BrokerProcess.start(taken.getLocalPort(), Path.of("target", "broker-taken.log")));
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        }
    }

    @Test
    void reportsTheLogTailWhenTheBrokerExits() throws Exception {
        IOException e = assertThrows(IOException.class,
                () -> BrokerProcess.start(BrokerProcess.freePort(), Path.of("target", "broker-bad-args.log"), "--bogus"));
        assertTrue(e.getMessage().contains("exited with code 2"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown argument --bogus"), e.getMessage());
    }

    /** Consumers put this jar on a classpath without Kafka: BrokerProcess must reference JDK classes only. */
    @Test
    void brokerProcessReferencesOnlyTheJdk() throws IOException {
        try (InputStream in = BrokerProcess.class.getResourceAsStream("BrokerProcess.class")) {
            String constantPool = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            for (String foreign : List.of("org/apache", "org/slf4j", "scala/", "dev/psi/kafka/LocalKafka")) {
                assertFalse(constantPool.contains(foreign), "BrokerProcess refers to " + foreign);
            }
        }
    }
}
