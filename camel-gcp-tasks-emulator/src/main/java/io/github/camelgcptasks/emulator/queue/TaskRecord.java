package io.github.camelgcptasks.emulator.queue;

import com.google.cloud.tasks.v2.Attempt;
import com.google.cloud.tasks.v2.Task;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One task in a queue: the task as created plus its dispatch state. Mutable fields are guarded by the owning
 * {@link TaskQueue}'s lock; while the record sits in the queue's ready set its due time does not change.
 */
public final class TaskRecord {

    /** Ended attempts a task keeps for {@link TaskQueue#attempts}; older ones are dropped, newest kept. */
    static final int ATTEMPT_HISTORY = 100;

    enum State { WAITING, IN_FLIGHT, GONE }

    final String id;
    final Task spec;
    final long seq;

    long dueMicros;
    Instant scheduleTime;
    State state = State.WAITING;
    int dispatchCount;
    int responseCount;
    int executionCount;
    int previousResponse;
    String previousRetryReason = "";
    int attemptsInFlight;
    Instant firstDispatch;
    Attempt firstAttempt;
    Attempt lastAttempt;
    ArrayDeque<Attempt> endedAttempts;  // null until an attempt ends, as most tasks never need it

    TaskRecord(String id, Task spec, long seq) {
        this.id = id;
        this.spec = spec;
        this.seq = seq;
        schedule(TaskValidator.instant(spec.getScheduleTime()));
    }

    void schedule(Instant at) {
        scheduleTime = at;
        dueMicros = micros(at);
    }

    Task toTask(Task.View view) {
        Task.Builder task = spec.toBuilder()
                .setScheduleTime(TaskValidator.timestamp(scheduleTime))
                .setDispatchCount(dispatchCount)
                .setResponseCount(responseCount)
                .setView(view);
        if (firstAttempt != null) {
            task.setFirstAttempt(firstAttempt);
        }
        if (lastAttempt != null) {
            task.setLastAttempt(lastAttempt);
        }
        if (view != Task.View.FULL) {
            // BASIC leaves out the body, which can be large or sensitive
            if (task.hasHttpRequest()) {
                task.getHttpRequestBuilder().clearBody();
            } else if (task.hasAppEngineHttpRequest()) {
                task.getAppEngineHttpRequestBuilder().clearBody();
            }
        }
        return task.build();
    }

    /** Keeps the attempt that just ended (the current {@link #lastAttempt}) in the history. */
    void lastAttemptEnded() {
        if (endedAttempts == null) {
            endedAttempts = new ArrayDeque<>(4);
        }
        if (endedAttempts.size() == ATTEMPT_HISTORY) {
            endedAttempts.removeFirst();
        }
        endedAttempts.addLast(lastAttempt);
    }

    /** Every attempt kept, oldest first, the one in flight (without a response) last. */
    List<Attempt> attempts() {
        List<Attempt> all = new ArrayList<>(endedAttempts == null ? List.of() : endedAttempts);
        if (state == State.IN_FLIGHT) {
            all.add(lastAttempt);
        }
        return all;
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }
}
