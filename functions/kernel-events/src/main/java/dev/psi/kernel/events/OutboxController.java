package dev.psi.kernel.events;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code POST /outbox/sweep}: publishes whatever the after-commit path left pending. A PingSource
 * calls it every minute; it is safe beside other sweeps and the after-commit path.
 */
@Controller("/outbox")
@ExecuteOn(TaskExecutors.BLOCKING)
class OutboxController {

    private final OutboxRelay relay;

    OutboxController(OutboxRelay relay) {
        this.relay = relay;
    }

    @Post("/sweep")
    SweepResult sweep() {
        return relay.sweep();
    }
}
