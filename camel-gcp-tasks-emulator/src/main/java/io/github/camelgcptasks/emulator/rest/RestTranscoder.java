package io.github.camelgcptasks.emulator.rest;

import com.google.api.HttpRule;
import com.google.common.base.Suppliers;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.github.camelgcptasks.emulator.server.HttpAnswer;
import io.github.camelgcptasks.emulator.server.HttpCall;
import io.github.camelgcptasks.emulator.server.HttpService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves gRPC services as REST/JSON at the paths of their {@code google.api.http} rules: it turns each HTTP call into
 * the gRPC request, calls the method through {@code channel} (so the very service, with its interceptors, answers
 * both protocols) and writes the answer as proto3 JSON, or a refusal in Google's JSON error shape.
 */
public final class RestTranscoder implements HttpService {

    private static final Logger LOG = LoggerFactory.getLogger(RestTranscoder.class);
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer();
    /** For {@code $alt=json;enum-encoding=int}, which the REST transports of the client libraries send. */
    private static final JsonFormat.Printer INT_ENUM_PRINTER = PRINTER.printingEnumsAsInts();

    /**
     * Read from the methods' descriptors on the first REST call: that loads the descriptors of every proto file the
     * services use, which gRPC calls never need, so an emulator that is only called over gRPC never pays it.
     */
    private final Supplier<RestRoutes> routes;
    private final Supplier<? extends Channel> channel;
    private final long maxRequestBytes;

    /**
     * @param services        the services to bind, as served over gRPC
     * @param overrides       HTTP rules by full gRPC method name, for methods whose rule is not in their proto
     * @param channel         a channel to those same services, asked for on every call
     * @param maxRequestBytes the largest request body accepted
     */
    public RestTranscoder(List<ServerServiceDefinition> services, Map<String, HttpRule> overrides,
                          Supplier<? extends Channel> channel,
                          long maxRequestBytes) {
        List<ServerServiceDefinition> bound = List.copyOf(services);
        Map<String, HttpRule> rules = Map.copyOf(overrides);
        this.routes = Suppliers.memoize(() -> RestRoutes.of(bound, rules));
        this.channel = channel;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public CompletionStage<HttpAnswer> serve(HttpCall call) {
        RestRoutes.Match match = routes.get().match(call.method(), call.path());
        if (match == null) {
            return CompletableFuture.completedFuture(error(new RestError(Status.Code.NOT_FOUND,
                    "No Cloud Tasks method is bound to " + call.method() + " " + call.path())));
        }
        // the HTTP edge refuses bodies over the limit with bodyTooLarge() before they get here
        if (call.body().length > maxRequestBytes) {
            return CompletableFuture.completedFuture(bodyTooLarge());
        }
        Message grpcRequest;
        try {
            checkAlt(call);
            grpcRequest = RequestReader.read(match.route(), match.pathVariables(), call.query(), call.bodyUtf8());
        } catch (RestError e) {
            return CompletableFuture.completedFuture(error(e));
        }
        CompletableFuture<HttpAnswer> answer = new CompletableFuture<>();
        Futures.addCallback(ClientCalls.futureUnaryCall(
                channel.get().newCall(match.route().method(), CallOptions.DEFAULT), grpcRequest),
                new FutureCallback<>() {
                    @Override
                    public void onSuccess(Message result) {
                        answer.complete(json(result, intEnums(call)));
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        answer.complete(error(RestError.of(Status.fromThrowable(t))));
                    }
                }, MoreExecutors.directExecutor());
        return answer;
    }

    /** Only JSON is served; {@code alt=json} (what gcloud sends) is the default. */
    private static void checkAlt(HttpCall call) throws RestError {
        String alt = call.queryParam("alt");
        if (alt != null && !alt.equals("json")) {
            throw RestError.invalidArgument("Invalid value for the system parameter \"alt\": \"" + alt
                    + "\"; the emulator answers only alt=json");
        }
    }

    private static boolean intEnums(HttpCall call) {
        String alt = call.queryParam("$alt");
        return alt != null && alt.contains("enum-encoding=int");
    }

    private static HttpAnswer json(Message message, boolean intEnums) {
        try {
            String json = (intEnums ? INT_ENUM_PRINTER : PRINTER).print(message);
            return HttpAnswer.json(200, json + "\n");
        } catch (InvalidProtocolBufferException e) {
            LOG.error("Cannot write a {} as JSON", message.getDescriptorForType().getFullName(), e);
            return error(new RestError(Status.Code.INTERNAL, "Cannot write the answer as JSON: " + e.getMessage()));
        }
    }

    static HttpAnswer error(RestError error) {
        return HttpAnswer.json(error.httpStatus(), error.toJson());
    }

    /** The refusal of a request body over the limit, in Google's error shape. */
    public HttpAnswer bodyTooLarge() {
        return error(RestError.invalidArgument("Request payload size exceeds the limit: " + maxRequestBytes
                + " bytes."));
    }
}
