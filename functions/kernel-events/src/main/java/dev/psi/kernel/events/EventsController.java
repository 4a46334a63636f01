package dev.psi.kernel.events;

import dev.psi.contract.common.Page;
import dev.psi.contract.problem.FieldError;
import dev.psi.contract.problem.Problem;
import dev.psi.contract.problem.ProblemType;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.trace.Spans;
import dev.psi.kernel.trace.TraceContext;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The event endpoints of a consuming function (present only where an {@link EventHandler} is):
 * {@code POST /events} takes a CloudEvent and answers 2xx for done, duplicate or not-for-me, 400
 * for an event that can never succeed (the sender dead-letters it) and 5xx only for a failure
 * worth a retry. {@code POST /events/dead-letter} is the dead-letter sink, {@code GET
 * /events/dead-letters} lists what it holds.
 */
@Controller("/events")
@Requires(beans = EventHandler.class)
@ExecuteOn(TaskExecutors.BLOCKING)
class EventsController {

    private static final Logger LOG = LoggerFactory.getLogger(EventsController.class);
    static final String CONSUMED = "psi.events.consumed";
    /** The MDC keys logback.xml prints. */
    static final String MDC_EVENT_ID = "ce_id";
    static final String MDC_AGGREGATE = "order";

    private final InboundCloudEvents reader;
    private final EventHandler handler;
    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Spans spans;

    EventsController(InboundCloudEvents reader, EventHandler handler, Inbox inbox, DeadLetters deadLetters,
                     MeterRegistry meters, Spans spans) {
        this.reader = reader;
        this.handler = handler;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.spans = spans;
    }

    @Post(consumes = MediaType.ALL, produces = {MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    HttpResponse<?> receive(HttpRequest<?> request, @Body @Nullable byte[] body) {
        String type = "unknown";
        try {
            var envelope = reader.envelope(request.getHeaders(), body);
            type = envelope.type().type();
            MDC.put(MDC_EVENT_ID, envelope.id());
            // the event's trace (its traceparent extension), not the delivery's: what this handling stores continues it
            var cloudEvent = envelope.cloudEvent();
            try (var span = spans.event(type, InboundCloudEvents.extension(cloudEvent, TraceContext.TRACEPARENT),
                    InboundCloudEvents.extension(cloudEvent, TraceContext.TRACESTATE))) {
                if (!handler.routes().handles(envelope.type())) {
                    return done(EventOutcome.IGNORED, envelope.id(), type);
                }
                InboundEvent event = reader.event(envelope).withTrace(span.context());
                MDC.put(MDC_AGGREGATE, event.aggregateId());
                EventOutcome outcome = inbox.apply(event);
                LOG.info("{} {}", type, outcome.label());
                return done(outcome, event.id(), type);
            }
        } catch (PermanentEventFailure e) {
            return reject(request, type, e.problemType(), e.getMessage(), List.of(), Map.of());
        } catch (ProblemException e) {
            if (e.type().status() >= 500) {
                count(type, EventOutcome.FAILED);
                throw e;
            }
            return reject(request, type, e.type(), e.getMessage(), e.errors(), e.context());
        } catch (RuntimeException e) {
            // Database down, deadlocks beyond the retries, a bug: 5xx, so that the sender retries.
            count(type, EventOutcome.FAILED);
            LOG.warn("{} failed, the sender will retry: {}", type, e.toString());
            throw e;
        } finally {
            MDC.remove(MDC_EVENT_ID);
            MDC.remove(MDC_AGGREGATE);
        }
    }

    /** Stores whatever arrives, however broken: a dead-letter sink that refused events would lose them. */
    @Post(uri = "/dead-letter", consumes = MediaType.ALL)
    HttpResponse<Map<String, Long>> deadLetter(HttpRequest<?> request, @Body @Nullable byte[] body) {
        long id = deadLetters.store(request.getHeaders(), body);
        LOG.warn("dead letter {} stored for {} (ce-id {})", id, handler.consumer(), request.getHeaders().get("ce-id"));
        return HttpResponse.status(HttpStatus.ACCEPTED).body(Map.of("deadLetterId", id));
    }

    @Get("/dead-letters")
    Page<DeadLetter> deadLetters(TenantId tenant, @QueryValue(defaultValue = "0") int page,
                                 @QueryValue(defaultValue = "20") int size) {
        return deadLetters.list(tenant, PageRequest.of(page, size));
    }

    private HttpResponse<EventReceipt> done(EventOutcome outcome, String id, String type) {
        count(type, outcome);
        return HttpResponse.ok(new EventReceipt(outcome.label(), id, type));
    }

    /**
     * Always 400, whatever the problem's own status: a sender retries 404, 409 and 429 as if they
     * were temporary, and this event will fail the same way every time.
     */
    private HttpResponse<Problem> reject(HttpRequest<?> request, String type, ProblemType problemType, String detail,
                                         List<FieldError> errors, Map<String, Object> context) {
        count(type, EventOutcome.REJECTED);
        LOG.warn("{} rejected: {}", type, detail);
        var problem = new Problem(problemType.uri(), problemType.title(), HttpStatus.BAD_REQUEST.getCode(), detail,
                request.getPath(), errors, context);
        return HttpResponse.<Problem>status(HttpStatus.BAD_REQUEST).contentType(Problem.MEDIA_TYPE).body(problem);
    }

    private void count(String type, EventOutcome outcome) {
        meters.counter(CONSUMED, "type", type, "outcome", outcome.label()).increment();
    }
}
