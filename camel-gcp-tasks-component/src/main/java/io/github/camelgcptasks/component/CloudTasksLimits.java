package io.github.camelgcptasks.component;

import java.time.Duration;

/**
 * The limits Cloud Tasks enforces on HTTP tasks, queues and listings, in one place: the producer refuses input beyond
 * them before any RPC, and the consumer refuses a delivery no genuine task could produce.
 */
public final class CloudTasksLimits {

    /** Largest task, serialized; so also the largest body a delivery can carry. */
    public static final int MAX_TASK_SIZE_BYTES = 1024 * 1024;
    /** Largest total size of a task's HTTP headers, names and values. */
    public static final int MAX_HEADERS_BYTES = 80 * 1024;
    /** How far ahead a task can be scheduled. */
    public static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(30);
    public static final Duration MIN_DISPATCH_DEADLINE = Duration.ofSeconds(15);
    public static final Duration MAX_DISPATCH_DEADLINE = Duration.ofMinutes(30);
    /** Longest target URL, in characters. */
    public static final int MAX_URL_LENGTH = 2083;
    /** Largest page ListTasks returns; also the page it returns when no page size is asked for. */
    public static final int MAX_TASKS_PAGE_SIZE = 1000;
    /** Largest page ListQueues returns; also the page it returns when no page size is asked for. */
    public static final int MAX_QUEUES_PAGE_SIZE = 9800;
    /** Highest rate a queue dispatches at, RateLimits.max_dispatches_per_second. */
    public static final double MAX_DISPATCHES_PER_SECOND = 500;
    /** Most attempts a queue has in flight at once, RateLimits.max_concurrent_dispatches. */
    public static final int MAX_CONCURRENT_DISPATCHES = 5000;

    private CloudTasksLimits() {
    }
}
