package io.github.camelgcptasks.emulator.queue;

import com.google.cloud.tasks.v2.Queue;
import com.google.protobuf.FieldMask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * All queues of the emulator by full name. Tells an {@link Observer} (the dispatch engine) when a queue appears or
 * goes away.
 */
public final class QueueRegistry {

    /** Largest ListQueues page, and the size of a page when none is asked for. */
    public static final int MAX_QUEUES_PAGE_SIZE = 9800;

    /** Told about queues that are created or deleted. */
    public interface Observer {
        void queueCreated(TaskQueue queue);

        void queueDeleted(TaskQueue queue);
    }

    /** How long the real service keeps a deleted queue's name from being created again. */
    public static final Duration QUEUE_NAME_REUSE_DELAY = Duration.ofDays(7);

    private final ConcurrentSkipListMap<String, TaskQueue> queues = new ConcurrentSkipListMap<>();
    private final Map<String, Instant> deletedAt = new ConcurrentHashMap<>();
    private final Duration tombstoneTtl;
    private final Duration queueNameReuseDelay;
    private final Clock clock;
    private final Observer observer;

    /**
     * @param tombstoneTtl        how long a completed or deleted task's name stays taken
     * @param queueNameReuseDelay how long a deleted queue's name cannot be created again; zero allows it at once
     */
    public QueueRegistry(Duration tombstoneTtl, Duration queueNameReuseDelay, Clock clock, Observer observer) {
        this.tombstoneTtl = tombstoneTtl;
        this.queueNameReuseDelay = queueNameReuseDelay;
        this.clock = clock;
        this.observer = observer;
    }

    /**
     * CreateQueue: {@code parent} is {@code projects/P/locations/L} and the queue's name must sit under it.
     */
    public Queue create(String parent, Queue requested) {
        ResourceNames.location(parent);
        String name = requested.getName();
        if (name.isEmpty()) {
            throw TasksException.invalidArgument("Queue.name must be set");
        }
        ResourceNames.queue(name);
        if (!name.startsWith(parent + "/queues/")) {
            throw TasksException.invalidArgument("Queue.name \"" + name + "\" must be in the parent location \""
                    + parent + "\"");
        }
        return add(QueueConfig.forCreate(requested)).config();
    }

    /** Adds a queue configured at start, already checked by {@link QueueConfig#forStart}. */
    public TaskQueue createAtStart(Queue config) {
        return add(config);
    }

    private TaskQueue add(Queue config) {
        String name = config.getName();
        Instant deleted = deletedAt.get(name);
        if (deleted != null) {
            if (clock.instant().isBefore(deleted.plus(queueNameReuseDelay))) {
                throw TasksException.queueRecentlyDeleted();
            }
            deletedAt.remove(name, deleted);
        }
        TaskQueue queue = new TaskQueue(config, tombstoneTtl, clock);
        if (queues.putIfAbsent(name, queue) != null) {
            throw TasksException.queueAlreadyExists();
        }
        observer.queueCreated(queue);
        return queue;
    }

    /** UpdateQueue; like the real service it creates the queue when it does not exist. */
    public Queue update(Queue update, FieldMask mask) {
        String name = ResourceNames.queue(update.getName());
        while (true) {
            TaskQueue queue = queues.get(name);
            if (queue != null) {
                return queue.update(update, mask);
            }
            Queue created = QueueConfig.forCreate(QueueConfig.update(QueueConfig.withDefaults(name), update, mask));
            try {
                return add(created).config();
            } catch (TasksException refused) {
                if (refused.code() != io.grpc.Status.Code.ALREADY_EXISTS) {
                    throw refused;
                }
                // created concurrently: update that one
            }
        }
    }

    public TaskQueue get(String name) {
        TaskQueue queue = queues.get(name);
        if (queue == null) {
            ResourceNames.queue(name);
            throw TasksException.queueNotFound();
        }
        return queue;
    }

    public void delete(String name) {
        TaskQueue queue = queues.remove(name);
        if (queue == null) {
            ResourceNames.queue(name);
            throw TasksException.entityNotFound();
        }
        if (!queueNameReuseDelay.isZero()) {
            deletedAt.put(name, clock.instant());
        }
        queue.markDeleted();
        observer.queueDeleted(queue);
    }

    /** ListQueues; {@code filter} as {@link QueueFilter} reads it, empty for all queues. */
    public Page<Queue> list(String parent, String filter, int pageSize, String pageToken) {
        ResourceNames.location(parent);
        Predicate<Queue> matches = QueueFilter.parse(filter);
        int size = Page.pageSize(pageSize, MAX_QUEUES_PAGE_SIZE);
        String prefix = parent + "/queues/";
        String after = Page.keyOf(pageToken);
        NavigableMap<String, TaskQueue> range = queues.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
        if (after != null) {
            range = range.tailMap(after, false);
        }
        List<Queue> page = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, TaskQueue> entry : range.entrySet()) {
            if (page.size() == size) {
                return new Page<>(page, Page.tokenAfter(last));
            }
            Queue queue = entry.getValue().config();
            if (matches.test(queue)) {
                page.add(queue);
                last = entry.getKey();
            }
        }
        return new Page<>(page, "");
    }

    public List<TaskQueue> all() {
        return List.copyOf(queues.values());
    }
}
