package dev.psi.dispatcher;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one record of one KafkaSource: POST as a binary-mode CloudEvent, retry per the source's delivery spec,
 * then the dead-letter sink. Blocking; called by the record's partition worker, one record at a time.
 */
final class Delivery {

    /** Knative's dead-letter extension attributes. */
    static final String ERROR_DEST = "knativeerrordest";
    static final String ERROR_CODE = "knativeerrorcode";
    static final String ERROR_DATA = "knativeerrordata";
    /** Knative copies response headers with this prefix into extensions on the dead-lettered event. */
    static final String ERROR_HEADER_PREFIX = "kne-";
    static final int ERROR_DATA_MAX_BYTES = 1024;
    /** Attribute names a {@code kne-*} response header must not overwrite. */
    private static final Set<String> CORE_ATTRIBUTES = Set.of("id", "source", "specversion", "type",
            "datacontenttype", "dataschema", "subject", "time", "data", ERROR_DEST, ERROR_CODE, ERROR_DATA);

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    enum Outcome {
        /** The sink answered 2xx. */
        DELIVERED,
        /** The sink refused or kept failing; the dead-letter sink took the event. */
        DEAD_LETTERED,
        /** The sink and the dead-letter sink both failed; logged and skipped. */
        DEAD_LETTER_FAILED,
        /** The sink failed and the source declares no dead-letter sink (or it has no URL here); logged and skipped. */
        DROPPED,
        /** Shutdown or revocation came during a backoff wait: not done, so not committed; redelivered later. */
        ABANDONED;

        boolean done() {
            return this != ABANDONED;
        }
    }

    /** Lets a backoff wait end early when the worker is told to stop. */
    interface StopSignal {
        /** Waits up to {@code timeout}; true if stop was requested (at once or meanwhile). */
        boolean awaitStop(Duration timeout) throws InterruptedException;
    }

    private final KafkaSourceDefinition source;
    private final HttpClient http;
    private final URI sink;
    private final Optional<URI> deadLetterSink;
    private final Duration requestTimeout;
    private final Optional<String> internalToken;

    Delivery(KafkaSourceDefinition source, HttpClient http, URI sink, Optional<URI> deadLetterSink,
             Duration requestTimeout, Optional<String> internalToken) {
        this.internalToken = internalToken;
        this.source = source;
        this.http = http;
        this.sink = sink;
        this.deadLetterSink = deadLetterSink;
        this.requestTimeout = requestTimeout;
    }

    Outcome deliver(ConsumerRecord<byte[], byte[]> record, StopSignal stop) throws InterruptedException {
        CloudEvent event;
        try {
            event = withOverrides(RecordEvents.read(record));
        } catch (RecordEvents.NotACloudEvent e) {
            CloudEvent raw = RecordEvents.wrapRaw(record, source);
            log.warn("[{}] {}-{}@{} is not a CloudEvent ({}): dead-lettering it as {} {}", source.name(),
                    record.topic(), record.partition(), record.offset(), e.getMessage(), raw.getType(), raw.getId());
            Attempt notAnEvent = Attempt.failed(-1, null, Map.of(), "not a CloudEvent: " + e.getMessage(), false, 0);
            return deadLetter(record, raw, notAnEvent, stop);
        }

        Attempt result = sendWithRetries(sink, event, stop, "sink");
        if (result.success()) {
            if (log.isDebugEnabled()) {
                log.debug("[{}] delivered {} {} ({}-{}@{}) to {} after {} attempt(s)", source.name(), event.getType(),
                        event.getId(), record.topic(), record.partition(), record.offset(), sink, result.attempts());
            }
            return Outcome.DELIVERED;
        }
        if (result.abandoned()) {
            return Outcome.ABANDONED;
        }
        return deadLetter(record, event, result, stop);
    }

    private Outcome deadLetter(ConsumerRecord<byte[], byte[]> record, CloudEvent event, Attempt failure,
                               StopSignal stop) throws InterruptedException {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (deadLetterSink.isEmpty()) {
            log.error("[{}] dropping {} {} ({}): {} and no dead-letter sink", source.name(), event.getType(),
                    event.getId(), where, failure.describe());
            return Outcome.DROPPED;
        }
        CloudEvent dead = withErrorExtensions(event, failure);
        Attempt result = sendWithRetries(deadLetterSink.get(), dead, stop, "dead-letter sink");
        if (result.success()) {
            log.warn("[{}] dead-lettered {} {} ({}) to {}: {}", source.name(), event.getType(), event.getId(), where,
                    deadLetterSink.get(), failure.describe());
            return Outcome.DEAD_LETTERED;
        }
        if (result.abandoned()) {
            return Outcome.ABANDONED;
        }
        log.error("[{}] lost {} {} ({}): {}; the dead-letter sink {} failed too: {}", source.name(), event.getType(),
                event.getId(), where, failure.describe(), deadLetterSink.get(), result.describe());
        return Outcome.DEAD_LETTER_FAILED;
    }

    /** The first attempt plus up to {@code retry} retries while the failure is retryable. */
    private Attempt sendWithRetries(URI target, CloudEvent event, StopSignal stop, String what)
            throws InterruptedException {
        Attempt last = null;
        for (int attempt = 1; attempt <= source.retry() + 1; attempt++) {
            if (attempt > 1) {
                Duration wait = source.backoff(attempt - 1);
                log.info("[{}] {} {} to {} failed ({}); retry {}/{} in {} ms", source.name(), event.getType(),
                        event.getId(), what, last.describe(), attempt - 1, source.retry(), wait.toMillis());
                if (stop.awaitStop(wait)) {
                    log.info("[{}] stopping: {} {} left for redelivery", source.name(), event.getType(), event.getId());
                    return last.abandon();
                }
            }
            last = sendOnce(target, event, attempt);
            if (last.success() || !last.retryable()) {
                return last;
            }
        }
        return last;
    }

    private Attempt sendOnce(URI target, CloudEvent event, int attempt) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(requestTimeout);
        // What a KafkaSource cannot forge: the functions accept /events and dead letters only with it.
        internalToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        byte[][] body = new byte[1][];
        HttpMessageFactory.createWriter(
                (name, value) -> request.header(name, HeaderValues.encode(value)), bytes -> body[0] = bytes)
                .writeBinary(event);
        request.POST(body[0] == null || body[0].length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body[0]));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Attempt.succeeded(status, attempt);
            }
            return Attempt.failed(status, response.body(), errorHeaders(response), null, isRetryable(status), attempt);
        } catch (IOException e) { // connection refused or reset, request timeout, ...
            return Attempt.failed(-1, null, Map.of(), e.toString(), true, attempt);
        }
    }

    /**
     * Knative's data plane retries 404 (not there yet), 409, 429 and 5xx (the eventing data-plane spec); 408 is
     * retried too, like a request that timed out on this side. Every other non-2xx goes to the dead-letter sink at once.
     */
    static boolean isRetryable(int status) {
        return status >= 500 || status == 404 || status == 408 || status == 409 || status == 429;
    }

    private CloudEvent withOverrides(CloudEvent event) {
        if (source.ceOverrides().isEmpty()) {
            return event;
        }
        CloudEventBuilder builder = CloudEventBuilder.v1(event);
        source.ceOverrides().forEach(builder::withExtension);
        return builder.build();
    }

    /** Knative's dead-letter extensions: destination, status code and the response body (base64, 1 KiB at most). */
    private CloudEvent withErrorExtensions(CloudEvent event, Attempt failure) {
        CloudEventBuilder builder = CloudEventBuilder.v1(event).withExtension(ERROR_DEST, sink.toString());
        failure.errorHeaders().forEach(builder::withExtension);
        if (failure.status() > 0) {
            builder.withExtension(ERROR_CODE, String.valueOf(failure.status()));
        }
        byte[] data = failure.body() != null && failure.body().length > 0 ? failure.body()
                : failure.error() != null ? failure.error().getBytes(StandardCharsets.UTF_8) : null;
        if (data != null) {
            byte[] truncated = data.length > ERROR_DATA_MAX_BYTES ? Arrays.copyOf(data, ERROR_DATA_MAX_BYTES) : data;
            builder.withExtension(ERROR_DATA, Base64.getEncoder().encodeToString(truncated));
        }
        return builder.build();
    }

    private static Map<String, String> errorHeaders(HttpResponse<?> response) {
        Map<String, String> extensions = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(ERROR_HEADER_PREFIX) && !values.isEmpty()) {
                String extension = lower.substring(ERROR_HEADER_PREFIX.length()).replaceAll("[^a-z0-9]", "");
                if (!extension.isEmpty() && !CORE_ATTRIBUTES.contains(extension)) {
                    extensions.put(extension, String.join(",", values));
                }
            }
        });
        return extensions;
    }

    /** The result of one attempt (or of the last one of a series). */
    record Attempt(boolean success, int status, byte[] body, Map<String, String> errorHeaders, String error,
                   boolean retryable, int attempts, boolean abandoned) {

        static Attempt succeeded(int status, int attempts) {
            return new Attempt(true, status, null, Map.of(), null, false, attempts, false);
        }

        static Attempt failed(int status, byte[] body, Map<String, String> errorHeaders, String error,
                              boolean retryable, int attempts) {
            return new Attempt(false, status, body, errorHeaders, error, retryable, attempts, false);
        }

        Attempt abandon() {
            return new Attempt(false, status, body, errorHeaders, error, retryable, attempts, true);
        }

        String describe() {
            String what = status > 0 ? "HTTP " + status : error;
            return what + (attempts > 0 ? " after " + attempts + " attempt(s)" : "");
        }
    }
}
