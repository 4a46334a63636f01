package dev.psi.testing;

import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;

/**
 * Implemented by a {@code @MicronautTest} class (with {@code @TestInstance(PER_CLASS)}) to run the
 * function under test against this JVM's real database and Redis.
 */
public interface PsiTestResources extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        var properties = new java.util.LinkedHashMap<String, String>();
        TestInfrastructure.get().properties(usesKafka()).forEach((k, v) -> properties.put(k, String.valueOf(v)));
        return properties;
    }

    /** Override to also get a Kafka broker. */
    default boolean usesKafka() {
        return false;
    }
}
