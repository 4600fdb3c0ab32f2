package io.github.camelgcptasks.component.producer;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.api.gax.rpc.ApiCallContext;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.UnaryCallable;
import com.google.common.util.concurrent.MoreExecutors;
import io.github.camelgcptasks.component.GcpTasksException;
import io.grpc.Status;

/**
 * Starts Cloud Tasks calls without waiting for them, and turns their failures into {@link GcpTasksException}.
 */
public final class CloudTasksCalls {

    private CloudTasksCalls() {
    }

    /**
     * Starts a call on one of the client's callables; the future completes on the client's transport thread. Failures
     * the callable throws instead of returning are folded into the future.
     */
    public static <Q, R> CompletableFuture<R> call(UnaryCallable<Q, R> callable, Q request) {
        try {
            return toCompletable(callable.futureCall(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Like {@link #call(UnaryCallable, Object)}, with a call context of its own (for example a deadline). */
    public static <Q, R> CompletableFuture<R> call(UnaryCallable<Q, R> callable, Q request, ApiCallContext context) {
        try {
            return toCompletable(callable.futureCall(request, context));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public static <T> CompletableFuture<T> toCompletable(ApiFuture<T> future) {
        CompletableFuture<T> result = new CompletableFuture<>();
        ApiFutures.addCallback(future, new ApiFutureCallback<>() {
            @Override
            public void onFailure(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onSuccess(T value) {
                result.complete(value);
            }
        }, MoreExecutors.directExecutor());
        return result;
    }

    /** The failure a future ended with, without the wrappers futures add. */
    public static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** The gRPC status of a failure, or UNKNOWN when it did not come from the service. */
    public static Status.Code statusOf(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof GcpTasksException e) {
            return e.getStatusCode();
        }
        if (cause instanceof ApiException e) {
            try {
                return Status.Code.valueOf(e.getStatusCode().getCode().name());
            } catch (IllegalArgumentException unknown) {
                return Status.Code.UNKNOWN;
            }
        }
        if (cause instanceof CancellationException) {
            return Status.Code.CANCELLED;
        }
        return Status.Code.UNKNOWN;
    }

    /**
     * The exception a failed call surfaces as: exceptions of this component pass unchanged, anything else becomes a
     * {@link GcpTasksException} naming the operation, queue, task and gRPC status.
     */
    public static RuntimeException translate(Throwable failure, String operation, String queueName, String taskName) {
        Throwable cause = unwrap(failure);
        if (cause instanceof GcpTasksException || cause instanceof IllegalArgumentException) {
            return (RuntimeException) cause;
        }
        Status.Code code = statusOf(cause);
        boolean retryable = cause instanceof ApiException api && api.isRetryable();
        StringBuilder message = new StringBuilder(operation);
        if (taskName != null) {
            message.append(" of task ").append(taskName);
        } else if (queueName != null) {
            message.append(" on queue ").append(queueName);
        }
        message.append(" failed with ").append(code).append(": ").append(describe(cause));
        return new GcpTasksException(message.toString(), code, queueName, taskName, retryable, cause);
    }

    private static String describe(Throwable cause) {
        String text = cause.getMessage();
        if (text == null) {
            return cause.getClass().getName();
        }
        // gax puts the transport's exception and the status before the service's message:
        // "io.grpc.StatusRuntimeException: NOT_FOUND: Queue does not exist. ..."
        return text.replaceFirst("^io\\.grpc\\.Status(Runtime)?Exception: ", "").replaceFirst("^[A-Z_]+: ", "");
    }
}
