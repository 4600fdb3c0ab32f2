package io.github.camelgcptasks.emulator.dispatch;

import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.emulator.dispatch.http.DeliveryHttpClient;
import io.github.camelgcptasks.emulator.oidc.OidcKeys;
import io.github.camelgcptasks.emulator.queue.QueueRegistry;
import io.github.camelgcptasks.emulator.queue.TaskQueue;
import io.github.camelgcptasks.emulator.server.TransportThreads;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns dispatch for the whole emulator: one {@link QueueDispatcher} per queue, the shared timer and pump threads, and
 * the HTTP client. Learns about queues from the {@link QueueRegistry}.
 */
public final class DispatchEngine implements QueueRegistry.Observer, AutoCloseable {

    static final Logger LOG = LoggerFactory.getLogger(DispatchEngine.class);

    private final Clock clock;
    private final boolean rateLimited;
    private final TaskDelivery delivery;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService pumps;
    private final DeliveryHttpClient http;
    private final Map<TaskQueue, QueueDispatcher> dispatchers = new ConcurrentHashMap<>();

    /**
     * @param keys          signs ID tokens of tasks with an {@code oidc_token}
     * @param issuer        the {@code iss} claim of those tokens
     * @param appEngineBase base URL for App Engine tasks, or null
     * @param rateLimited   false to ignore {@code max_dispatches_per_second} (concurrency caps still hold)
     * @param transport     the event loops deliveries are sent on, the server's own
     */
    public DispatchEngine(OidcKeys keys, String issuer, String appEngineBase, boolean rateLimited, Clock clock,
                          TransportThreads transport) {
        this.clock = clock;
        this.rateLimited = rateLimited;
        this.timer = new ScheduledThreadPoolExecutor(1, daemon("cloud-tasks-emulator-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.pumps = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                daemon("cloud-tasks-emulator-dispatch"));
        // HTTP targets follow redirects within the attempt (target.proto); App Engine dispatches do not
        this.http = new DeliveryHttpClient(transport);
        this.delivery = new TaskDelivery(http, new IdTokenCache(keys, issuer, clock), appEngineBase);
    }

    @Override
    public void queueCreated(TaskQueue queue) {
        QueueDispatcher dispatcher = new QueueDispatcher(queue, this);
        dispatchers.put(queue, dispatcher);
        queue.setReadyListener(dispatcher);
        dispatcher.requestPump();
    }

    @Override
    public void queueDeleted(TaskQueue queue) {
        QueueDispatcher dispatcher = dispatchers.remove(queue);
        if (dispatcher != null) {
            dispatcher.stop();
        }
    }

    /** RunTask: dispatches the task at once, ignoring the queue's state and rate limits. */
    public Task runNow(TaskQueue queue, String taskId, Task.View view) {
        TaskQueue.Forced forced = queue.forceRun(taskId, view, clock.instant());
        QueueDispatcher dispatcher = dispatchers.get(queue);
        if (forced.attempt() != null && dispatcher != null) {
            dispatcher.send(forced.attempt());
        }
        return forced.task();
    }

    @Override
    public void close() {
        dispatchers.values().forEach(QueueDispatcher::stop);
        dispatchers.clear();
        timer.shutdownNow();
        pumps.shutdownNow();
        http.close();
    }

    Clock clock() {
        return clock;
    }

    long nowMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    boolean rateLimited() {
        return rateLimited;
    }

    TaskDelivery delivery() {
        return delivery;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    ExecutorService pumps() {
        return pumps;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
