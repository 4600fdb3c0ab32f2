package io.github.camelgcptasks.emulator.queue;

import com.google.cloud.tasks.v2.Attempt;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.Task;
import com.google.protobuf.FieldMask;
import com.google.rpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One queue: its configuration, its tasks, their order of due times, and the tombstones of recently removed tasks.
 * It knows nothing about HTTP; a dispatcher takes due tasks with {@link #pollDue} and reports back with
 * {@link #recordOutcome}. One lock per queue guards task state; lookups by id do not take it.
 */
public final class TaskQueue {

    /** Largest ListTasks page, and the size of a page when none is asked for. */
    public static final int MAX_TASKS_PAGE_SIZE = 1000;

    /** Told when a task may have become due earlier than the dispatcher expects. */
    public interface ReadyListener {
        void readyAt(long dueMicros);
    }

    private static final Comparator<TaskRecord> BY_DUE_TIME =
            Comparator.<TaskRecord>comparingLong(r -> r.dueMicros).thenComparingLong(r -> r.seq);

    private final String name;
    private final String id;
    private final Clock clock;
    private final Object lock = new Object();
    private final TaskIndex tasks = new TaskIndex();                     // guarded by lock but for get()
    private final TreeSet<TaskRecord> ready = new TreeSet<>(BY_DUE_TIME);  // guarded by lock
    private final Tombstones tombstones;                                  // guarded by lock
    private final AtomicLong sequence = new AtomicLong();
    private final MinuteCounter endedAttempts = new MinuteCounter();     // guarded by lock
    private int inFlight;                                               // guarded by lock
    private volatile Queue config;
    private volatile boolean deleted;
    private volatile ReadyListener listener = due -> { };

    public TaskQueue(Queue config, Duration tombstoneTtl, Clock clock) {
        this.name = config.getName();
        this.id = ResourceNames.queueIdOf(name);
        this.config = config;
        this.clock = clock;
        this.tombstones = new Tombstones(tombstoneTtl);
    }

    public String name() {
        return name;
    }

    public String id() {
        return id;
    }

    public Queue config() {
        return config;
    }

    public void setReadyListener(ReadyListener listener) {
        this.listener = listener;
    }

    /** Whether the dispatcher may hand out tasks in order of due time (RUNNING and not deleted). */
    public boolean isDispatching() {
        return !deleted && config.getState() == Queue.State.RUNNING;
    }

    public boolean isDeleted() {
        return deleted;
    }

    // ---- queue operations ----

    public Queue update(Queue update, FieldMask mask) {
        synchronized (lock) {
            config = QueueConfig.update(config, update, mask);
        }
        listener.readyAt(0);
        return config;
    }

    public Queue pause() {
        synchronized (lock) {
            config = config.toBuilder().setState(Queue.State.PAUSED).build();
        }
        return config;
    }

    public Queue resume() {
        synchronized (lock) {
            config = config.toBuilder().setState(Queue.State.RUNNING).build();
        }
        listener.readyAt(0);
        return config;
    }

    /**
     * Removes every task. Their names become tombstones as if deleted, unless {@code forgetNames}: then the queue
     * forgets every tombstone it holds too and all names can be used again at once (the Go emulator's hard reset).
     */
    public Queue purge(boolean forgetNames) {
        Instant now = clock.instant();
        synchronized (lock) {
            for (TaskRecord record : tasks.all()) {
                forget(record);
                if (!forgetNames) {
                    tombstones.add(record.id, now.toEpochMilli());
                }
            }
            if (forgetNames) {
                tombstones.clear();
            }
            tasks.clear();
            ready.clear();
            config = config.toBuilder().setPurgeTime(TaskValidator.timestamp(now)).build();
        }
        return config;
    }

    /** Marks the queue deleted: its tasks are dropped and answers of attempts in flight are ignored. */
    public void markDeleted() {
        synchronized (lock) {
            deleted = true;
            for (TaskRecord record : tasks.all()) {
                forget(record);
            }
            tasks.clear();
            ready.clear();
        }
    }

    // ---- task operations ----

    /**
     * Adds a validated task. An empty id gets a generated one.
     *
     * @throws TasksException ALREADY_EXISTS for a live or recently removed id
     */
    public Task create(String taskId, Task validated, Task.View view) {
        return add(taskId, validated, view, false);
    }

    /**
     * Adds a validated task already named after {@code drawnId}, an id from {@link #newTaskId()}: naming the task
     * before it is validated saves building it a second time to name it. A drawn id that is taken (about one in
     * 10^18) is drawn again.
     */
    public Task createWithDrawnId(String drawnId, Task validated, Task.View view) {
        return add(drawnId, validated, view, true);
    }

    /** A random id of the form the real service answers with: a decimal number of about 19 digits. */
    public static String newTaskId() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000_000L, Long.MAX_VALUE));
    }

    private Task add(String taskId, Task validated, Task.View view, boolean drawn) {
        TaskRecord record;
        Task answer;
        boolean dispatching;
        synchronized (lock) {
            long nowMillis = clock.millis();
            record = taskId == null ? null : storeUnder(taskId, validated, nowMillis);
            if (record == null) {
                if (taskId != null && !drawn) {
                    throw TasksException.alreadyExists();
                }
                record = storeUnderNewId(validated, nowMillis);
            }
            ready.add(record);
            answer = record.toTask(view);
            dispatching = isDispatching();
        }
        // a paused queue has nothing to dispatch; resuming it wakes the dispatcher anyway
        if (dispatching) {
            listener.readyAt(record.dueMicros);
        }
        return answer;
    }

    /** Stores the task under this id unless the id is live or tombstoned; {@link TaskIndex#add} checks and inserts. */
    private TaskRecord storeUnder(String taskId, Task spec, long nowMillis) {
        if (tombstones.contains(taskId, nowMillis)) {
            return null;
        }
        TaskRecord record = new TaskRecord(taskId, spec, sequence.incrementAndGet());
        return tasks.add(record) ? record : null;
    }

    /** Stores the task under a fresh random id, renamed after it. */
    private TaskRecord storeUnderNewId(Task validated, long nowMillis) {
        while (true) {
            String id = newTaskId();
            TaskRecord record = storeUnder(id, validated.toBuilder().setName(ResourceNames.taskName(name, id)).build(),
                    nowMillis);
            if (record != null) {
                return record;
            }
        }
    }

    public Task get(String taskId, Task.View view) {
        TaskRecord record = tasks.get(taskId);
        synchronized (lock) {
            if (record == null || record.state == TaskRecord.State.GONE) {
                throw missing(taskId);
            }
            return record.toTask(view);
        }
    }

    public void delete(String taskId) {
        synchronized (lock) {
            TaskRecord record = tasks.remove(taskId);
            if (record == null) {
                throw missing(taskId);
            }
            if (record.state == TaskRecord.State.WAITING) {
                ready.remove(record);
            }
            forget(record);
            tombstones.add(taskId, clock.millis());
        }
    }

    /** Marks a record removed; an attempt in flight for it no longer counts as one of the queue's dispatches. */
    private void forget(TaskRecord record) {
        if (record.state == TaskRecord.State.IN_FLIGHT) {
            // a RunTask can have a second attempt out beside the scheduled one
            inFlight -= record.attemptsInFlight;
        }
        record.state = TaskRecord.State.GONE;
    }

    /**
     * Every attempt of a task the queue still holds, oldest first, the one in flight last; at most the last
     * {@value TaskRecord#ATTEMPT_HISTORY} that ended.
     */
    public List<Attempt> attempts(String taskId) {
        TaskRecord record = tasks.get(taskId);
        synchronized (lock) {
            if (record == null || record.state == TaskRecord.State.GONE) {
                throw missing(taskId);
            }
            return record.attempts();
        }
    }

    /** The counts v2beta3 calls {@code Queue.stats}, at {@code now}. */
    public QueueCounts stats(Instant now) {
        synchronized (lock) {
            Instant oldest = ready.isEmpty() ? null : ready.first().scheduleTime;
            return new QueueCounts(tasks.size(), oldest, endedAttempts.count(now.toEpochMilli()), inFlight);
        }
    }

    private TasksException missing(String taskId) {
        return tombstones.contains(taskId, clock.millis()) ? TasksException.taskGone() : TasksException.taskNotFound();
    }

    public Page<Task> list(int pageSize, String pageToken, Task.View view) {
        int size = Page.pageSize(pageSize, MAX_TASKS_PAGE_SIZE);
        String after = Page.keyOf(pageToken);
        List<Task> page;
        String nextPageToken = "";
        synchronized (lock) {
            // one more than the page, to tell whether another page follows
            List<TaskRecord> records = tasks.inOrderAfter(after, size + 1);
            if (records.size() > size) {
                records = records.subList(0, size);
                nextPageToken = Page.tokenAfter(records.get(size - 1).id);
            }
            page = new ArrayList<>(records.size());
            for (TaskRecord record : records) {
                page.add(record.toTask(view));
            }
        }
        return new Page<>(page, nextPageToken);
    }

    /** Number of tasks in the queue, waiting or being dispatched. */
    public int size() {
        return tasks.size();
    }

    // ---- dispatcher side ----

    /** Due time (epoch microseconds) of the earliest waiting task, or {@link Long#MAX_VALUE} when there is none. */
    public long nextDueMicros() {
        synchronized (lock) {
            return ready.isEmpty() ? Long.MAX_VALUE : ready.first().dueMicros;
        }
    }

    /** Takes the earliest waiting task if it is due at {@code now}, marking it in flight. */
    public DispatchAttempt pollDue(Instant now) {
        long nowMicros = TaskRecord.micros(now);
        synchronized (lock) {
            if (ready.isEmpty() || ready.first().dueMicros > nowMicros || !isDispatching()) {
                return null;
            }
            return startAttempt(ready.pollFirst(), now);
        }
    }

    /**
     * RunTask: dispatches the task now whatever its schedule time, the queue's state and rate limits, and even while
     * another attempt of it is in flight, as the service does.
     *
     * @return the attempt to deliver and the task as dispatched (its dispatch count and last attempt include this one)
     */
    public Forced forceRun(String taskId, Task.View view, Instant now) {
        synchronized (lock) {
            TaskRecord record = tasks.get(taskId);
            if (record == null || record.state == TaskRecord.State.GONE) {
                throw missing(taskId);
            }
            if (record.state == TaskRecord.State.WAITING) {
                ready.remove(record);
            }
            record.schedule(now);
            DispatchAttempt attempt = startAttempt(record, now);
            return new Forced(attempt, record.toTask(view));
        }
    }

    /** The outcome of {@link #forceRun}. */
    public record Forced(DispatchAttempt attempt, Task task) {
    }

    private DispatchAttempt startAttempt(TaskRecord record, Instant now) {
        record.state = TaskRecord.State.IN_FLIGHT;
        record.attemptsInFlight++;
        inFlight++;
        if (record.firstDispatch == null) {
            record.firstDispatch = now;
            record.firstAttempt = Attempt.newBuilder().setDispatchTime(TaskValidator.timestamp(now)).build();
        }
        DispatchAttempt attempt = new DispatchAttempt(record.spec, id, record.id, record.dispatchCount,
                record.executionCount, record.previousResponse, record.previousRetryReason, record.scheduleTime,
                record.firstDispatch, record);
        record.dispatchCount++;
        record.lastAttempt = Attempt.newBuilder()
                .setScheduleTime(TaskValidator.timestamp(record.scheduleTime))
                .setDispatchTime(TaskValidator.timestamp(now))
                .build();
        return attempt;
    }

    /**
     * Records the result of an attempt and then completes the task, schedules its retry at {@code retryAt}, or drops
     * it when {@code retryAt} is null. Results for tasks deleted or purged meanwhile are ignored.
     */
    public void recordOutcome(DispatchAttempt attempt, AttemptResult result, Instant retryAt, Instant now) {
        TaskRecord record = attempt.record();
        boolean becameReady = false;
        synchronized (lock) {
            endedAttempts.add(now.toEpochMilli());
            if (record.state != TaskRecord.State.IN_FLIGHT) {
                return;
            }
            record.attemptsInFlight--;
            inFlight--;
            boolean appEngine = record.spec.hasAppEngineHttpRequest();
            if (result.responded()) {
                record.responseCount++;
            }
            if (result.countsAsExecution(appEngine)) {
                record.executionCount++;
            }
            record.previousResponse = result.httpStatus();
            record.previousRetryReason = result.retryReason(appEngine);
            record.lastAttempt = record.lastAttempt.toBuilder()
                    .setResponseTime(TaskValidator.timestamp(now))
                    .setResponseStatus(Status.newBuilder().setCode(result.rpcCode()).setMessage(result.statusMessage()))
                    .build();
            record.lastAttemptEnded();
            if (!result.succeeded() && record.attemptsInFlight > 0) {
                return; // a RunTask attempt is still out; its answer decides what happens next
            }
            if (result.succeeded() || retryAt == null) {
                record.state = TaskRecord.State.GONE;
                tasks.remove(record);
                tombstones.add(record.id, now.toEpochMilli());
            } else {
                record.schedule(retryAt);
                record.state = TaskRecord.State.WAITING;
                ready.add(record);
                becameReady = true;
            }
        }
        if (becameReady) {
            listener.readyAt(record.dueMicros);
        }
    }
}
