package dev.psi.kernel.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.events.EventType;
import io.micronaut.core.beans.BeanIntrospection;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/asyncapi.yaml and {@link EventType} describe the same events: same types, same topics, and
 * payload schemas with exactly the body records' components (nested line records included), the
 * non-@Nullable ones required, with JSON types that match what Micronaut serde writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventCatalogueTest {

    private Map<String, Object> catalogue;

    @BeforeAll
    void readCatalogue() throws IOException {
        Path path = Path.of(System.getProperty("psi.asyncapi", "../../docs/asyncapi.yaml"));
        try (InputStream in = Files.newInputStream(path)) {
            catalogue = new Yaml().load(in);
        }
        assertEquals("3.0.0", String.valueOf(catalogue.get("asyncapi")));
    }

    @Test
    void shouldListEveryEventTypeOnItsTopic() {
        Map<String, String> topicOfType = new HashMap<>();
        for (Object channel : map(catalogue.get("channels")).values()) {
            String address = (String) map(channel).get("address");
            for (Object message : map(map(channel).get("messages")).values()) {
                topicOfType.put(name(message), address);
            }
        }

        for (EventType type : EventType.values()) {
            assertEquals(type.topic(), topicOfType.get(type.type()), type + " is not on its topic in the catalogue");
        }
    }

    @Test
    void shouldDescribeOnlyEventTypesThatExist() {
        var names = map(componentsOf("messages")).values().stream().map(this::name).toList();

        assertEquals(new TreeSet<>(names).size(), names.size(), "a type is catalogued twice: " + names);
        for (String name : names) {
            assertTrue(EventType.ofType(name).isPresent(), name + " is in the catalogue but not an EventType");
        }
        assertEquals(EventType.values().length, names.size());
    }

    @Test
    void shouldDescribeEachBodyWithTheComponentsOfItsRecord() {
        for (Object message : map(componentsOf("messages")).values()) {
            EventType type = EventType.ofType(name(message)).orElseThrow();
            checkSchema(type.type(), resolve(map(message).get("payload")), type.bodyClass());
        }
    }

    @Test
    void shouldKeyEveryMessageAndHaveAProducerForEach() {
        Set<String> produced = new HashSet<>();
        for (Object operation : map(catalogue.get("operations")).values()) {
            var op = map(operation);
            assertNotNull(op.get("x-function"), "operation without x-function: " + op);
            Map<String, Object> channel = resolve(op.get("channel"));
            for (Object ref : (List<?>) op.get("messages")) {
                String pointer = (String) map(ref).get("$ref");
                assertTrue(pointer.startsWith("#/channels/"), pointer);
                Map<String, Object> message = resolve(ref);
                assertTrue(map(channel.get("messages")).values().stream().anyMatch(m -> name(m).equals(name(message))),
                        name(message) + " is not a message of the operation's channel");
                if ("send".equals(op.get("action"))) {
                    produced.add(name(message));
                }
            }
        }
        for (Object message : map(componentsOf("messages")).values()) {
            assertTrue(produced.contains(name(message)), name(message) + " has no producing operation");
            var key = map(map(map(map(message).get("bindings")).get("kafka")).get("key"));
            assertEquals("string", key.get("type"), name(message) + " has no Kafka key");
        }
    }

    private void checkSchema(String where, Map<String, Object> schema, Class<?> recordClass) {
        assertTrue(recordClass.isRecord(), recordClass + " is not a record");
        var properties = map(schema.get("properties"));
        List<String> components = Arrays.stream(recordClass.getRecordComponents()).map(RecordComponent::getName).toList();
        assertEquals(new LinkedHashSet<>(components), new LinkedHashSet<>(properties.keySet()),
                where + ": the schema's properties are not the components of " + recordClass.getSimpleName());
        assertEquals(new TreeSet<>(required(recordClass)), new TreeSet<>(list(schema.get("required"))),
                where + ": required must be exactly the components that are not @Nullable");
        for (RecordComponent component : recordClass.getRecordComponents()) {
            String at = where + "." + component.getName();
            var property = map(properties.get(component.getName()));
            Class<?> javaType = component.getType();
            if (List.class.isAssignableFrom(javaType)) {
                assertEquals("array", property.get("type"), at);
                checkSchema(at + "[]", resolve(property.get("items")), elementType(component.getGenericType()));
            } else {
                assertEquals(jsonType(javaType), types(property.get("type")).get(0), at);
                assertEquals(format(javaType), property.get("format"), at);
            }
        }
    }

    private static List<String> required(Class<?> recordClass) {
        return Arrays.stream(BeanIntrospection.getIntrospection(recordClass).getConstructorArguments())
                .filter(argument -> !argument.isNullable())
                .map(argument -> argument.getName())
                .collect(Collectors.toList());
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class || type == Instant.class || type == LocalDate.class) {
            return "string";
        }
        if (type == BigDecimal.class) {
            return "number";
        }
        throw new AssertionError("no JSON type known for " + type + "; extend the catalogue test");
    }

    private static String format(Class<?> type) {
        return type == Instant.class ? "date-time" : type == LocalDate.class ? "date" : null;
    }

    private static Class<?> elementType(Type listType) {
        return (Class<?>) ((ParameterizedType) listType).getActualTypeArguments()[0];
    }

    private static List<String> types(Object type) {
        return type instanceof List<?> several ? several.stream().map(String::valueOf).toList() : List.of(String.valueOf(type));
    }

    private Map<String, Object> componentsOf(String kind) {
        return map(map(catalogue.get("components")).get(kind));
    }

    /** Follows a local {@code $ref} (any depth of JSON pointer) to the object it names. */
    private Map<String, Object> resolve(Object node) {
        Map<String, Object> current = map(node);
        while (current.containsKey("$ref")) {
            String pointer = (String) current.get("$ref");
            assertTrue(pointer.startsWith("#/"), "only local references: " + pointer);
            Object target = catalogue;
            for (String part : pointer.substring(2).split("/")) {
                target = map(target).get(part.replace("~1", "/").replace("~0", "~"));
                assertNotNull(target, "unresolved reference " + pointer);
            }
            current = map(target);
        }
        return current;
    }

    private String name(Object message) {
        return (String) resolve(message).get("name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertTrue(node instanceof Map, "expected a mapping, got " + node);
        return (Map<String, Object>) node;
    }

    private static List<String> list(Object node) {
        assertFalse(node == null, "missing list");
        return new ArrayList<>(((List<?>) node).stream().map(String::valueOf).toList());
    }
}
