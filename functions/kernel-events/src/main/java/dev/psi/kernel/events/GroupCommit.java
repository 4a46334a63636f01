package dev.psi.kernel.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Leader/follower group commit per key. The first delivery of a key runs at once, alone. Deliveries
 * of the same key that arrive meanwhile queue; when the running transaction has committed, the first
 * of them leads the next batch (at most {@code maxSize} of the queue) on its own request thread, and
 * so on until the queue is empty. A batch waits only for the one before it: no timer, no added wait.
 * Every member is answered after the commit that holds it; members of a batch that failed as a whole
 * are applied alone, each on its own thread.
 */
final class GroupCommit {

    /** A member's answer: applied alone after a failed batch. */
    private static final Object ALONE = new Object();

    private final int maxSize;
    private final Function<InboundEvent, EventOutcome> alone;
    private final Function<List<InboundEvent>, List<Object>> together;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicLong batched = new AtomicLong();

    /**
     * @param alone    applies one event in a transaction of its own (its exceptions are the delivery's)
     * @param together applies the events in one transaction and answers per event an {@link EventOutcome}
     *                 or the {@link RuntimeException} to throw for it; throws when the batch failed as a whole
     */
    GroupCommit(int maxSize, Function<InboundEvent, EventOutcome> alone,
                Function<List<InboundEvent>, List<Object>> together) {
        this.maxSize = Math.max(1, maxSize);
        this.alone = alone;
        this.together = together;
    }

    EventOutcome submit(String key, InboundEvent event) {
        var me = new Member(event);
        Object answer;
        while (true) {
            Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
            boolean lead;
            synchronized (lane) {
                if (lane.retired) {
                    continue; // emptied and removed meanwhile: take the key's new lane
                }
                lead = !lane.busy;
                if (lead) {
                    lane.busy = true;
                } else {
                    lane.waiting.add(me);
                }
            }
            if (lead) {
                run(key, lane, List.of(me));
            } else {
                Object handed = me.await();
                if (handed instanceof Batch batch) {
                    run(key, lane, batch.members);
                } else {
                    answer = handed;
                    break;
                }
            }
            answer = me.await();
            break;
        }
        if (answer == ALONE) {
            return alone.apply(event);
        }
        if (answer instanceof RuntimeException e) {
            throw e;
        }
        return (EventOutcome) answer;
    }

    /** Deliveries applied in batches of more than one so far. */
    long batched() {
        return batched.get();
    }

    /** Applies a batch, hands the lane to the next batch (or retires it), then answers the members. */
    private void run(String key, Lane lane, List<Member> members) {
        var answers = new ArrayList<Object>(members.size());
        try {
            if (members.size() == 1) {
                try {
                    answers.add(alone.apply(members.get(0).event));
                } catch (RuntimeException e) {
                    answers.add(e);
                }
            } else {
                batched.addAndGet(members.size());
                try {
                    answers.addAll(together.apply(members.stream().map(m -> m.event).toList()));
                } catch (RuntimeException e) {
                    answers.clear();
                }
            }
        } finally {
            List<Member> next = null;
            synchronized (lane) {
                if (lane.waiting.isEmpty()) {
                    lane.busy = false;
                    lane.retired = true;
                    lanes.remove(key, lane);
                } else {
                    next = new ArrayList<>(Math.min(maxSize, lane.waiting.size()));
                    while (next.size() < maxSize && !lane.waiting.isEmpty()) {
                        next.add(lane.waiting.poll());
                    }
                }
            }
            if (next != null) {
                next.get(0).answer(new Batch(next));
            }
            for (int i = 0; i < members.size(); i++) {
                members.get(i).answer(i < answers.size() && answers.size() == members.size() ? answers.get(i) : ALONE);
            }
        }
    }

    private static final class Lane {
        final ArrayDeque<Member> waiting = new ArrayDeque<>();
        boolean busy;
        boolean retired;
    }

    private record Batch(List<Member> members) {
    }

    private static final class Member {
        final InboundEvent event;
        private Object answer;

        Member(InboundEvent event) {
            this.event = event;
        }

        synchronized void answer(Object value) {
            answer = value;
            notifyAll();
        }

        /** The next answer; not interruptible: a member handed the lead must take it, or its lane stalls. */
        synchronized Object await() {
            boolean interrupted = false;
            while (answer == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Object value = answer;
            answer = null;
            return value;
        }
    }
}
