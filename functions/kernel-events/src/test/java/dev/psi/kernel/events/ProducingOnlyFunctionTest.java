package dev.psi.kernel.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.testing.Api;
import dev.psi.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** A function without an EventHandler: no /events endpoints, and no Kafka connection until it publishes. */
class ProducingOnlyFunctionTest {

    @Test
    void shouldOfferNoEventEndpointsAndNotTouchKafkaAtStartUp() throws IOException {
        try (var fakeBroker = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var properties = new HashMap<String, Object>(TestInfrastructure.get().properties(false));
            properties.put(TestEventHandler.ENABLED, "false");
            properties.put("psi.kafka.bootstrap-servers", "127.0.0.1:" + fakeBroker.getLocalPort());
            try (var context = ApplicationContext.run(properties)) {
                var api = new Api(context.getBean(EmbeddedServer.class).start().getURI(), TestEvents.TENANT)
                        .withAuthorization(null);

                var events = api.post("/events", "{}");
                var deadLetter = api.post("/events/dead-letter", "{}");
                var health = api.get("/health");

                assertEquals(404, events.status(), events::toString);
                assertEquals(404, deadLetter.status(), deadLetter::toString);
                assertEquals(200, health.status(), health::toString);
                // Started and served requests: nothing may have connected to the broker's port.
                fakeBroker.setSoTimeout(300);
                assertThrows(SocketTimeoutException.class, fakeBroker::accept);
            }
        }
    }
}
