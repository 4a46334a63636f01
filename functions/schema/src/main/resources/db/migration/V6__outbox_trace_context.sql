-- W3C trace context of the work that stored the event (CloudEvents distributed-tracing extension),
-- kept with the row so that a sweep publishes the event with it. Null for rows stored before.
ALTER TABLE outbox ADD COLUMN traceparent VARCHAR(55) NULL;
ALTER TABLE outbox ADD COLUMN tracestate VARCHAR(512) NULL;
