package dev.psi.dispatcher;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A KafkaSource {@code sink} or {@code delivery.deadLetterSink}: a reference to a Knative Service plus an optional
 * {@code uri} resolved against the Service's URL (Knative's ref + relative uri), or an absolute {@code uri} alone.
 *
 * @param service the referenced {@code serving.knative.dev} Service's name, or null when only an absolute uri is given
 * @param uri     the declared {@code uri}: a path such as {@code /events} when {@code service} is set (may be null),
 *                else an absolute URL
 */
public record Destination(String service, String uri) {

    public Destination {
        if (service == null && (uri == null || !URI.create(uri).isAbsolute())) {
            throw new IllegalArgumentException("a destination needs a Service ref or an absolute uri, got uri " + uri);
        }
    }

    public static Destination service(String service, String path) {
        return new Destination(Objects.requireNonNull(service, "service"), path);
    }

    /**
     * The URL to POST to: the Service's base URL (from {@code serviceUrl}, e.g. {@code http://127.0.0.1:8084})
     * with {@link #uri()} resolved against it; empty when {@code serviceUrl} knows no URL for the Service.
     */
    public Optional<URI> resolve(Function<String, Optional<URI>> serviceUrl) {
        if (service == null) {
            return Optional.of(URI.create(uri));
        }
        return serviceUrl.apply(service).map(base -> {
            if (uri == null || uri.isEmpty()) {
                return base;
            }
            // URI.resolve mishandles a base with an empty path ("http://h:1" + "events" -> "http://h:1events").
            URI withPath = base.getRawPath() == null || base.getRawPath().isEmpty() ? base.resolve("/") : base;
            return withPath.resolve(uri);
        });
    }

    @Override
    public String toString() {
        return service == null ? uri : "Service/" + service + (uri == null ? "" : uri);
    }
}
