package io.github.camelgcptasks.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.common.util.concurrent.MoreExecutors;
import io.github.camelgcptasks.benchmarks.Payload;
import org.apache.camel.Exchange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * 64 creations in flight. Against the emulator this compares the asynchronous producer with the raw client's
 * {@code futureCall}; the raw client against the trivial server is the floor for the emulator's CreateTask path,
 * loaded hard enough that the server, not the round trip, sets the pace.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AsyncCreateBenchmark {

    @Benchmark
    public void rawClientOnEmulator(EmulatorState emulator, InFlightWindow window) throws InterruptedException {
        rawCreate(emulator.client, emulator.queue, window);
    }

    @Benchmark
    public void rawClientOnTrivialServer(TrivialServerState trivial, InFlightWindow window)
            throws InterruptedException {
        rawCreate(trivial.client, trivial.queue, window);
    }

    @Benchmark
    public void camelProducer(CamelProducerState camel, InFlightWindow window) throws InterruptedException {
        window.acquire();
        Exchange exchange = camel.endpoint.createExchange();
        exchange.getIn().setBody(Payload.SMALL);
        camel.asyncProducer.process(exchange, doneSync -> window.release(exchange.getException()));
    }

    private static void rawCreate(CloudTasksClient client, String queue, InFlightWindow window)
            throws InterruptedException {
        window.acquire();
        CreateTaskRequest request = CreateTaskRequest.newBuilder()
                .setParent(queue)
                .setTask(EmulatorState.newTask())
                .build();
        ApiFuture<Task> call = client.createTaskCallable().futureCall(request);
        ApiFutures.addCallback(call, new ApiFutureCallback<>() {
            @Override
            public void onFailure(Throwable t) {
                window.release(t);
            }

            @Override
            public void onSuccess(Task task) {
                window.release(null);
            }
        }, MoreExecutors.directExecutor());
    }
}
