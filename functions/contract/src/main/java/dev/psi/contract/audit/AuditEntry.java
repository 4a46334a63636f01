package dev.psi.contract.audit;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One entry of the audit log: who (the token's subject; null for the system), in which tenant, did
 * what to which entity, when. {@code details} is the JSON the change recorded (the request, the
 * response status), or null.
 */
@Serdeable
public record AuditEntry(long id, String actor, String action, String entityType, String entityKey,
                         String details, Instant at) {
}
