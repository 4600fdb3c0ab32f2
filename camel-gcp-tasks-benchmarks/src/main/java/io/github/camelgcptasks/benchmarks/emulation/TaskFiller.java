package io.github.camelgcptasks.benchmarks.emulation;

import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;

/** Loads a queue quickly through the raw client, 64 creations in flight, when loading is setup and not the measure. */
public final class TaskFiller {

    private static final int IN_FLIGHT = 64;

    private TaskFiller() {
    }

    /** Creates {@code count} tasks with {@code body}, due at {@code scheduleTime} (null: now). */
    public static void fill(CloudTasksClient client, String queue, int count, byte[] body, String url, Instant scheduleTime)
            throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ByteString bytes = ByteString.copyFrom(body);
        for (int i = 0; i < count && failure.get() == null; i++) {
            Task.Builder task = Task.newBuilder().setHttpRequest(HttpRequest.newBuilder()
                    .setUrl(url).setHttpMethod(HttpMethod.POST).setBody(bytes));
            if (scheduleTime != null) {
                task.setScheduleTime(Timestamp.newBuilder()
                        .setSeconds(scheduleTime.getEpochSecond()).setNanos(scheduleTime.getNano()));
            }
            slots.acquire();
            ApiFuture<Task> call = client.createTaskCallable()
                    .futureCall(CreateTaskRequest.newBuilder().setParent(queue).setTask(task).build());
            ApiFutures.addCallback(call, new ApiFutureCallback<>() {
                @Override
                public void onFailure(Throwable t) {
                    failure.compareAndSet(null, t);
                    slots.release();
                }

                @Override
                public void onSuccess(Task created) {
                    slots.release();
                }
            }, MoreExecutors.directExecutor());
        }
        if (!slots.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("task creations still in flight after 60 s");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("filling " + queue + " failed", failure.get());
        }
    }
}
