package dev.psi.dispatcher;

import static dev.psi.dispatcher.TestEvents.EVENTS;
import static dev.psi.dispatcher.TestEvents.event;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudevents.CloudEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DispatcherMain as its own process, started the way its Javadoc says, stopped by SIGTERM. */
class DispatcherMainTest {

    @Test
    void runsStandAloneFromTheManifestsAndStopsOnSigterm(@TempDir Path knative) throws Exception {
        String topic = SharedKafka.newTopic("main", 1);
        Files.writeString(knative.resolve("sources.yaml"), """
                apiVersion: sources.knative.dev/v1beta1
                kind: KafkaSource
                metadata:
                  name: main-test
                spec:
                  bootstrapServers: [psi-kafka-kafka-bootstrap.psi-system.svc:9092]
                  topics: [%s]
                  consumerGroup: main-test-%s
                  initialOffset: earliest
                  sink:
                    ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: order-workflow}
                    uri: /events
                """.formatted(topic, topic));
        Path module = Path.of("").toAbsolutePath();
        String classpath = module.resolve("target/classes") + File.pathSeparator
                + Files.readString(module.resolve("target/dispatcher.classpath")).trim();

        try (TestSink sink = new TestSink();
             KafkaProducer<String, CloudEvent> producer = TestEvents.cloudEventProducer()) {
            Path log = knative.resolve("dispatcher.log");
            Process process = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-cp", classpath, DispatcherMain.class.getName(),
                    "--knative", knative.toString(),
                    "--bootstrap", SharedKafka.bootstrapServers(),
                    "--service", "order-workflow=" + sink.baseUri())
                    // A file, not a pipe: what the child writes while it exits is not lost.
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        Files.readString(log).contains(DispatcherMain.READY + " [main-test]") || !process.isAlive());
                assertTrue(process.isAlive(), "the dispatcher exited:\n" + Files.readString(log));
                producer.send(new ProducerRecord<>(topic, "SO-1", event("main-1")));
                await().atMost(Duration.ofSeconds(20)).until(() -> sink.ids(EVENTS).contains("main-1"));
            } finally {
                process.destroy(); // SIGTERM: the shutdown hook closes the dispatcher
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "no exit after SIGTERM");
            }
            String output = Files.readString(log);
            assertEquals(143, process.exitValue(), "exit code after SIGTERM:\n" + output);
            assertTrue(output.contains("[main-test] stopped"), output);
        }
    }
}
