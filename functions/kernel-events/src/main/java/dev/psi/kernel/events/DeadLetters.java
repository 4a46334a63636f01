package dev.psi.kernel.events;

import dev.psi.contract.common.Page;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Row;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.PageRequest;
import io.cloudevents.CloudEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The dead-letter sink of this function's consumer: stores whatever the sender gave up on, however
 * broken, so that an operator can see it and replay it. Nothing here may refuse an event.
 */
@Singleton
@Requires(beans = EventHandler.class)
final class DeadLetters {

    /** Knative's extensions on a dead-lettered event: where it failed, the status, the response body (base64). */
    private static final String ERROR_DEST = "ce-knativeerrordest";
    private static final String ERROR_CODE = "ce-knativeerrorcode";
    private static final String ERROR_DATA = "ce-knativeerrordata";
    /** For senders other than Knative. */
    static final String REASON_HEADER = "x-dead-letter-reason";

    private final Database database;
    private final EventHandler handler;
    private final JsonMapper json;
    private final Clock clock;

    DeadLetters(Database database, EventHandler handler, JsonMapper json, Clock clock) {
        this.database = database;
        this.handler = handler;
        this.json = json;
        this.clock = clock;
    }

    /** Stores a dead-lettered delivery and returns its id. */
    long store(HttpHeaders httpHeaders, byte[] body) {
        Map<String, String> headers = InboundCloudEvents.headersOf(httpHeaders);
        CloudEvent event = parseQuietly(httpHeaders, body);
        String id = event != null ? event.getId() : headers.get("ce-id");
        String type = event != null ? event.getType() : headers.get("ce-type");
        String source = event != null ? event.getSource().toString() : headers.get("ce-source");
        Object tenantExtension = event == null ? null : event.getExtension(KafkaPublisher.TENANT_EXTENSION);
        String tenant = tenantExtension != null ? tenantExtension.toString() : headers.get("ce-" + KafkaPublisher.TENANT_EXTENSION);
        if (tenant == null) {
            tenant = tenantOfBody(event != null && event.getData() != null ? event.getData().toBytes() : body);
        }
        String payload = event != null && event.getData() != null
                ? new String(event.getData().toBytes(), StandardCharsets.UTF_8)
                : body == null ? null : new String(body, StandardCharsets.UTF_8);
        String storedTenant = tenant != null && tenant.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,39}") ? tenant : null;
        return database.inTransaction(tx -> tx.insert("INSERT INTO dead_letters (consumer, event_id, event_type,"
                        + " event_source, tenant_id, headers, payload, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                handler.consumer(), truncate(id, 128), truncate(type, 128), truncate(source, 200), storedTenant,
                write(headers), payload, truncate(reason(headers), 2000), clock.instant()));
    }

    /** This consumer's dead letters of {@code tenant} (and those of no known tenant), newest first. */
    Page<DeadLetter> list(TenantId tenant, PageRequest page) {
        return database.read(tx -> {
            String where = " FROM dead_letters WHERE consumer = ? AND (tenant_id = ? OR tenant_id IS NULL)";
            long total = tx.count("SELECT COUNT(*) AS n" + where, handler.consumer(), tenant.value());
            List<DeadLetter> items = total == 0 ? List.of() : tx.list("SELECT id, consumer, event_id, event_type,"
                            + " event_source, tenant_id, headers, payload, reason, created_at" + where
                            + " ORDER BY id DESC LIMIT ? OFFSET ?", this::deadLetter,
                    handler.consumer(), tenant.value(), page.size(), page.offset());
            return Page.of(items, page.page(), page.size(), total);
        });
    }

    private DeadLetter deadLetter(Row row) throws SQLException {
        String headers = row.string("headers");
        Map<String, String> map;
        try {
            map = headers == null ? Map.of() : json.readValue(headers, Argument.mapOf(String.class, String.class));
        } catch (IOException e) {
            map = Map.of();
        }
        return new DeadLetter(row.longValue("id"), row.string("consumer"), row.string("event_id"),
                row.string("event_type"), row.string("event_source"), row.string("tenant_id"), map,
                row.string("payload"), row.string("reason"), row.instant("created_at"));
    }

    /** Why it was dead-lettered: the sender's own reason, or what Knative recorded of the last attempt. */
    private static String reason(Map<String, String> headers) {
        var parts = new ArrayList<String>();
        if (headers.containsKey(REASON_HEADER)) {
            parts.add(headers.get(REASON_HEADER));
        }
        if (headers.containsKey(ERROR_CODE) || headers.containsKey(ERROR_DEST)) {
            parts.add("HTTP " + headers.getOrDefault(ERROR_CODE, "?") + " from " + headers.getOrDefault(ERROR_DEST, "?"));
        }
        if (headers.containsKey(ERROR_DATA)) {
            parts.add(decodeQuietly(headers.get(ERROR_DATA)));
        }
        return parts.isEmpty() ? null : String.join(": ", parts);
    }

    private static String decodeQuietly(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }

    private static CloudEvent parseQuietly(HttpHeaders headers, byte[] body) {
        try {
            return InboundCloudEvents.parse(headers, body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String tenantOfBody(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            Map<String, Object> map = json.readValue(body, Argument.mapOf(String.class, Object.class));
            Object tenant = map == null ? null : map.get("tenantId");
            return tenant == null ? null : tenant.toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private String write(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
