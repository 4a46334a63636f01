package dev.psi.manifests;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Strict YAML: a duplicate key fails (a YAML parser would otherwise keep the last one silently, and the API
 * server would see something else than the reader of the file sees).
 */
public final class Yaml {

    static final ObjectMapper MAPPER = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Yaml() {
    }

    /** Every non-empty document of {@code file}. */
    public static List<Manifest> documents(Path file) {
        return parse(read(file), file);
    }

    public static List<Manifest> parse(String text, Path origin) {
        List<Manifest> result = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
            int index = 0;
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                index++;
                if (node != null && !node.isNull() && !node.isMissingNode() && !node.isEmpty()) {
                    result.add(new Manifest(origin, index, node));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
        return result;
    }

    public static JsonNode json(Path file) {
        try {
            return JSON.readTree(read(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The {@code *.yaml} / {@code *.yml} files directly in {@code dir}, sorted. */
    public static List<Path> files(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
