package io.github.camelgcptasks.benchmarks.paired;

import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.HttpMethod;
import com.google.cloud.tasks.v2.HttpRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import io.github.camelgcptasks.benchmarks.Payload;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * The four ways a caller creates tasks: the raw client or the component, one call at a time or 64 in flight. Every
 * task carries the same small JSON body to the same queue, so the loads differ only in the code they go through.
 */
final class CreateLoads {

    private CreateLoads() {
    }

    /** {@code CloudTasksClient.createTask}, one call at a time. */
    static Load rawSync(CloudTasksClient client, String queue) {
        return oneAtATime(() -> client.createTask(queue, newTask()));
    }

    /** {@code ProducerTemplate.sendBody} to a resolved endpoint, as a route's {@code to()} with a caller waiting. */
    static Load camelSync(ProducerTemplate template, Endpoint endpoint) {
        return oneAtATime(() -> template.sendBody(endpoint, Payload.SMALL));
    }

    /** {@code createTaskCallable().futureCall} with 64 calls in flight. */
    static Load rawAsync(CloudTasksClient client, String queue) {
        InFlightWindow window = new InFlightWindow();
        return windowed(window, () -> {
            CreateTaskRequest request = CreateTaskRequest.newBuilder().setParent(queue).setTask(newTask()).build();
            ApiFutures.addCallback(client.createTaskCallable().futureCall(request), new ApiFutureCallback<Task>() {
                @Override
                public void onFailure(Throwable t) {
                    window.release(t);
                }

                @Override
                public void onSuccess(Task task) {
                    window.release(null);
                }
            }, MoreExecutors.directExecutor());
        });
    }

    /**
     * The endpoint's {@link AsyncProducer} with 64 exchanges in flight. ProducerTemplate's async methods would hop
     * through a thread pool; a route's {@code to()} calls the AsyncProducer itself, as this does.
     */
    static Load camelAsync(AsyncProducer producer, Endpoint endpoint) {
        InFlightWindow window = new InFlightWindow();
        return windowed(window, () -> {
            Exchange exchange = endpoint.createExchange();
            exchange.getIn().setBody(Payload.SMALL);
            producer.process(exchange, doneSync -> window.release(exchange.getException()));
        });
    }

    private static Load oneAtATime(Call call) {
        return repeatFor(call, () -> { });
    }

    /** Each call waits for a free slot first; the slice ends once the calls still in flight have finished. */
    private static Load windowed(InFlightWindow window, Runnable startCall) {
        return repeatFor(() -> {
            window.acquire();
            startCall.run();
        }, window::drain);
    }

    /** Repeats {@code call} until the slice's time is up, then runs {@code endOfSlice}; both count in the time. */
    private static Load repeatFor(Call call, Call endOfSlice) {
        return length -> {
            long start = System.nanoTime();
            long end = start + length.toNanos();
            long calls = 0;
            while (System.nanoTime() - end < 0) {
                call.run();
                calls++;
            }
            endOfSlice.run();
            return new Load.Slice(calls, System.nanoTime() - start);
        };
    }

    @FunctionalInterface
    private interface Call {
        void run() throws InterruptedException;
    }

    /** Built per call, as a user's code would, so the raw path pays the same body copy as the component. */
    static Task newTask() {
        return Task.newBuilder()
                .setHttpRequest(HttpRequest.newBuilder()
                        .setUrl(Payload.UNREACHABLE_URL)
                        .setHttpMethod(HttpMethod.POST)
                        .setBody(ByteString.copyFromUtf8(Payload.SMALL)))
                .build();
    }
}
