package dev.psi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The partition count is chosen once (BENCHMARKS.md, issue 12) and must be the same wherever a broker is made:
 * the cluster's Strimzi KafkaTopics, the broker LocalSystem and the launcher start, and the one CI starts.
 */
class PartitionsTest {

    private static final Path ROOT = Path.of("../..");

    @Test
    void shouldGiveTheLocalBrokerAsManyPartitionsAsEveryClusterTopic() throws IOException {
        List<Integer> cluster = all(Pattern.compile("(?m)^  partitions: (\\d+)$"),
                Files.readString(ROOT.resolve("k8s/base/kafka.yaml")));
        assertEquals(LaunchInfrastructure.TOPICS.size(), cluster.size(), "KafkaTopics in k8s/base/kafka.yaml");
        cluster.forEach(count -> assertEquals(LocalSystem.DEFAULT_PARTITIONS, count, "a KafkaTopic's partitions"));
    }

    @Test
    void shouldStartTheCiBrokerWithTheSamePartitions() throws IOException {
        List<Integer> ci = all(Pattern.compile("kafka\\.sh start \\d+ --partitions (\\d+)"),
                Files.readString(ROOT.resolve(".ci/run")));
        assertEquals(List.of(LocalSystem.DEFAULT_PARTITIONS), ci, ".ci/run's broker");
    }

    private static List<Integer> all(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        var found = new java.util.ArrayList<Integer>();
        while (m.find()) {
            found.add(Integer.valueOf(m.group(1)));
        }
        return found;
    }
}
