package io.github.camelgcptasks.component.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CloudTasksSettings;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Lets every CreateTask call reach the server, then, for a share of them chosen by a seeded random, throws the answer
 * away and reports UNAVAILABLE instead: the server created the task, the caller believes it failed. That is the case
 * that makes a blind retry create a task twice.
 */
public final class LostAnswerInterceptor implements ClientInterceptor {

    private static final String CREATE_TASK = "google.cloud.tasks.v2.CloudTasks/CreateTask";

    private final double share;
    private final Random random;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger replaced = new AtomicInteger();

    /**
     * @param share the share of CreateTask answers replaced, 0 to 1
     * @param seed  the random seed, so a run can be repeated
     */
    public LostAnswerInterceptor(double share, long seed) {
        this.share = share;
        this.random = new Random(seed);
    }

    /** A plaintext client of the emulator whose CreateTask answers pass through this interceptor. */
    public CloudTasksClient client(String grpcEndpoint) {
        try {
            return CloudTasksClient.create(CloudTasksSettings.newBuilder()
                    .setEndpoint(grpcEndpoint)
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                            .setEndpoint(grpcEndpoint)
                            .setChannelConfigurator(builder -> builder.usePlaintext().intercept(this))
                            .build())
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CreateTask calls seen. */
    public int calls() {
        return calls.get();
    }

    /** CreateTask answers replaced with UNAVAILABLE. */
    public int replaced() {
        return replaced.get();
    }

    private synchronized boolean nextLoses() {
        return random.nextDouble() < share;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        ClientCall<Q, R> call = next.newCall(method, options);
        if (!CREATE_TASK.equals(method.getFullMethodName())) {
            return call;
        }
        calls.incrementAndGet();
        boolean lose = nextLoses();
        if (!lose) {
            return call;
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onHeaders(Metadata received) {
                        // withheld: the caller sees only the replaced status
                    }

                    @Override
                    public void onMessage(R message) {
                        // the server's answer is lost on its way back
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        replaced.incrementAndGet();
                        super.onClose(Status.UNAVAILABLE.withDescription("answer lost (injected by the test)"),
                                      new Metadata());
                    }
                }, headers);
            }
        };
    }
}
