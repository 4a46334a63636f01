package dev.psi.kernel.events;

import dev.psi.contract.events.EventType;
import dev.psi.contract.events.PsiEvent;
import dev.psi.contract.problem.FieldError;
import dev.psi.contract.problem.ProblemType;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Reads an HTTP delivery as a PSI CloudEvent, in binary mode ({@code ce-*} headers and a JSON body,
 * what a Knative KafkaSource sends) or structured mode ({@code application/cloudevents+json}),
 * through the CloudEvents SDK. Anything that can never become a valid event is a 400
 * {@link ProblemException}: the sender must not retry it.
 */
@Singleton
final class InboundCloudEvents {

    /** The inbox and dead-letter columns hold ids up to this length. */
    static final int MAX_ID = 128;

    /** A delivery whose envelope is valid and whose type is a PSI type; the body is not read yet. */
    record Envelope(CloudEvent cloudEvent, EventType type) {
        String id() {
            return cloudEvent.getId();
        }
    }

    private final JsonMapper json;
    private final Validator validator;

    InboundCloudEvents(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** The CloudEvent of a delivery, as the SDK reads it, or null when it is not one. */
    static CloudEvent parse(HttpHeaders headers, byte[] body) {
        Consumer<BiConsumer<String, String>> forEachHeader =
                visitor -> headers.forEach((name, values) -> values.forEach(value -> visitor.accept(name, value)));
        return HttpMessageFactory.createReader(forEachHeader, body).toEvent();
    }

    /** A CloudEvent extension as text, or null (the tracing extension: traceparent, tracestate). */
    static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }

    Envelope envelope(HttpHeaders headers, byte[] body) {
        CloudEvent event;
        try {
            event = parse(headers, body);
        } catch (CloudEventRWException | IllegalStateException | IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED, "Not a CloudEvent 1.0: " + e.getMessage());
        }
        if (event.getId().isBlank() || event.getId().length() > MAX_ID) {
            throw ProblemException.invalid("ce-id", "must be 1-" + MAX_ID + " characters");
        }
        EventType type = EventType.ofType(event.getType())
                .orElseThrow(() -> ProblemException.invalid("ce-type", "'" + event.getType() + "' is not a PSI event type"));
        String contentType = event.getDataContentType();
        if (contentType != null && !isJson(contentType)) {
            throw ProblemException.invalid("content-type", "must be application/json, not " + contentType);
        }
        return new Envelope(event, type);
    }

    /** Reads and checks the body of a valid envelope. */
    InboundEvent event(Envelope envelope) {
        CloudEvent event = envelope.cloudEvent();
        if (event.getData() == null) {
            throw ProblemException.invalid("data", "a " + envelope.type().type() + " event needs a JSON body");
        }
        PsiEvent body = read(event.getData().toBytes(), envelope.type().bodyClass());
        requireComplete(body);
        Object extension = event.getExtension(KafkaPublisher.TENANT_EXTENSION);
        String tenant = extension == null ? body.tenantId() : extension.toString();
        if (tenant == null || (body.tenantId() != null && !body.tenantId().equals(tenant))) {
            throw ProblemException.invalid("ce-tenantid", "'" + tenant + "' does not match the body's tenantId '"
                    + body.tenantId() + "'");
        }
        if (body.aggregateId().length() > MAX_ID) {
            throw ProblemException.invalid("aggregateId", "must be at most " + MAX_ID + " characters");
        }
        Instant time = event.getTime() == null ? body.occurredAt() : event.getTime().toInstant();
        return new InboundEvent(event.getId(), envelope.type(), event.getSource().toString(), tenant(tenant), body, time);
    }

    private static TenantId tenant(String value) {
        try {
            return new TenantId(value);
        } catch (ProblemException e) {
            throw ProblemException.invalid("ce-tenantid", "'" + value + "' is not a tenant id");
        }
    }

    private <T extends PsiEvent> T read(byte[] data, Class<T> bodyClass) {
        try {
            T body = json.readValue(data, Argument.of(bodyClass));
            if (body == null) {
                throw ProblemException.invalid("data", "must be a JSON object");
            }
            return body;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw new ProblemException(ProblemType.MALFORMED, "The body is not a " + bodyClass.getSimpleName()
                    + " event: " + e.getMessage());
        }
    }

    /** Every component not marked @Nullable is present, and any bean-validation constraint holds. */
    private <T extends PsiEvent> void requireComplete(T body) {
        var errors = new ArrayList<FieldError>();
        @SuppressWarnings("unchecked")
        BeanIntrospection<T> introspection = BeanIntrospection.getIntrospection((Class<T>) body.getClass());
        for (BeanProperty<T, Object> property : introspection.getBeanProperties()) {
            if (!property.isNullable() && property.get(body) == null) {
                errors.add(new FieldError(property.getName(), "must not be null"));
            }
        }
        validator.validate(body).forEach(v -> errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage())));
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw ProblemException.invalid(errors);
        }
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase();
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    /** The headers of a delivery as one map (repeated headers joined), minus credentials. */
    static Map<String, String> headersOf(HttpHeaders headers) {
        var map = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (!lower.equals("authorization") && !lower.equals("cookie") && !lower.equals("proxy-authorization")) {
                map.put(lower, String.join(", ", values));
            }
        });
        return map;
    }
}
