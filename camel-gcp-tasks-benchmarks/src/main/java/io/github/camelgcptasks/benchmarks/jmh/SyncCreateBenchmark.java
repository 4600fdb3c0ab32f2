package io.github.camelgcptasks.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.benchmarks.Payload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** One caller creating tasks one at a time: what {@code to("gcp-tasks:q")} costs over calling the client by hand. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SyncCreateBenchmark {

    @Benchmark
    public Task rawClient(EmulatorState emulator) {
        return emulator.client.createTask(emulator.queue, EmulatorState.newTask());
    }

    @Benchmark
    public void camelProducer(CamelProducerState camel) {
        camel.template.sendBody(camel.endpoint, Payload.SMALL);
    }
}
