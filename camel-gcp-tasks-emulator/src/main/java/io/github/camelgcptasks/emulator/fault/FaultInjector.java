package io.github.camelgcptasks.emulator.fault;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects {@link Fault}s into the calls of the service it intercepts, whichever server serves it. Each fault counts
 * the calls of its method from the moment it is added; a call meets every fault that selects it: their delays add
 * up, and the first status among them is the answer (sent after the delays) instead of calling the method.
 *
 * <p>Faults drawing a pseudo-random share each have their own sequence, seeded from the injector's seed and the
 * fault, so a run with the same calls in the same order meets the same faults.
 */
public final class FaultInjector implements ServerInterceptor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);
    private static final Metadata.Key<String> INJECTED =
            Metadata.Key.of("x-cloud-tasks-emulator-fault", Metadata.ASCII_STRING_MARSHALLER);

    /** A fault with its own count of calls and random sequence. */
    private record Active(Fault fault, AtomicLong calls, Random random) {
        boolean meets(String method) {
            return fault.appliesTo(method) && fault.selects(calls.incrementAndGet(), random);
        }
    }

    private final long seed;
    private final List<Active> faults = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "cloud-tasks-emulator-faults");
        thread.setDaemon(true);
        return thread;
    });

    public FaultInjector(long seed) {
        this.seed = seed;
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Adds a fault; its calls are counted from now on. */
    public void add(Fault fault) {
        faults.add(new Active(fault, new AtomicLong(), new Random(seed ^ fault.toString().hashCode())));
    }

    /** Removes every fault. */
    public void clear() {
        faults.clear();
    }

    /** The faults in force. */
    public List<Fault> faults() {
        return faults.stream().map(Active::fault).toList();
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        if (faults.isEmpty()) {
            return next.startCall(call, headers);
        }
        String method = call.getMethodDescriptor().getBareMethodName();
        long delayNanos = 0;
        Fault failing = null;
        for (Active active : faults) {
            if (active.meets(method)) {
                if (active.fault().lateBy() != null) {
                    delayNanos += active.fault().lateBy().toNanos();
                } else if (failing == null) {
                    failing = active.fault();
                }
            }
        }
        if (failing != null) {
            Status status = Status.fromCode(failing.code())
                    .withDescription("Fault injected by the Cloud Tasks emulator: " + failing);
            Metadata trailers = new Metadata();
            trailers.put(INJECTED, failing.toString());
            later(delayNanos, () -> call.close(status, trailers));
            return new ServerCall.Listener<>() { };
        }
        return next.startCall(delayNanos == 0 ? call : new LateAnswer<>(call, System.nanoTime() + delayNanos),
                headers);
    }

    /** Runs {@code action} after {@code delayNanos}, or at once when there is no delay. */
    private void later(long delayNanos, Runnable action) {
        if (delayNanos == 0) {
            action.run();
            return;
        }
        try {
            timer.schedule(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // the client gave up (deadline, cancel) while the answer was held back
                    LOG.debug("Late answer not sent: {}", e.toString());
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // the emulator stops; its server drops the call anyway
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Holds back the answer of a call (headers, message, close) until its due time; the method runs at once. */
    private final class LateAnswer<Q, A> extends ForwardingServerCall.SimpleForwardingServerCall<Q, A> {

        private final long dueNanos;
        private final List<Runnable> held = new ArrayList<>(3); // written by the one thread that answers the call

        LateAnswer(ServerCall<Q, A> call, long dueNanos) {
            super(call);
            this.dueNanos = dueNanos;
        }

        @Override
        public void sendHeaders(Metadata headers) {
            held.add(() -> delegate().sendHeaders(headers));
        }

        @Override
        public void sendMessage(A message) {
            held.add(() -> delegate().sendMessage(message));
        }

        @Override
        public void close(Status status, Metadata trailers) {
            held.add(() -> delegate().close(status, trailers));
            List<Runnable> answer = List.copyOf(held);
            later(Math.max(1, dueNanos - System.nanoTime()), () -> answer.forEach(Runnable::run));
        }
    }
}
