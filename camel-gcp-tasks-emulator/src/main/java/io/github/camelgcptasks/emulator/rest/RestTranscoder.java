package io.github.camelgcptasks.emulator.rest;

import com.google.api.HttpRule;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
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

    private final RestRoutes routes;
    private final Channel channel;
    private final long maxRequestBytes;

    /**
     * @param services        the services to bind, as served over gRPC
     * @param overrides       HTTP rules by full gRPC method name, for methods whose rule is not in their proto
     * @param channel         a channel to those same services
     * @param maxRequestBytes the largest request body accepted
     */
    public RestTranscoder(List<ServerServiceDefinition> services, Map<String, HttpRule> overrides, Channel channel,
                          long maxRequestBytes) {
        this.routes = RestRoutes.of(services, overrides);
        this.channel = channel;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        RestRoutes.Match match = routes.match(req.method().name(), ctx.path());
        if (match == null) {
            return error(new RestError(Status.Code.NOT_FOUND, "No Cloud Tasks method is bound to "
                    + req.method() + " " + ctx.path()));
        }
        long declared = req.headers().contentLength();
        if (declared > maxRequestBytes) {
            return error(tooLarge());
        }
        // counted here rather than by the server, whose own refusal would be a bare 413
        AtomicLong received = new AtomicLong();
        CompletableFuture<HttpResponse> answer = req.peekData(data -> {
                    if (received.addAndGet(data.length()) > maxRequestBytes) {
                        throw new BodyTooLarge();
                    }
                }).aggregate()
                .thenCompose(request -> call(match, ctx, request))
                .exceptionally(this::failed);
        return HttpResponse.of(answer);
    }

    private CompletableFuture<HttpResponse> call(RestRoutes.Match match, ServiceRequestContext ctx,
                                                 AggregatedHttpRequest request) {
        Message grpcRequest;
        try {
            checkAlt(ctx);
            grpcRequest = RequestReader.read(match.route(), match.pathVariables(), query(ctx),
                    request.contentUtf8());
        } catch (RestError e) {
            return CompletableFuture.completedFuture(error(e));
        }
        CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
        Futures.addCallback(ClientCalls.futureUnaryCall(
                channel.newCall(match.route().method(), CallOptions.DEFAULT), grpcRequest),
                new FutureCallback<>() {
                    @Override
                    public void onSuccess(Message result) {
                        answer.complete(json(result, intEnums(ctx)));
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        answer.complete(error(RestError.of(Status.fromThrowable(t))));
                    }
                }, MoreExecutors.directExecutor());
        return answer;
    }

    /** Only JSON is served; {@code alt=json} (what gcloud sends) is the default. */
    private static void checkAlt(ServiceRequestContext ctx) throws RestError {
        String alt = ctx.queryParam("alt");
        if (alt != null && !alt.equals("json")) {
            throw RestError.invalidArgument("Invalid value for the system parameter \"alt\": \"" + alt
                    + "\"; the emulator answers only alt=json");
        }
    }

    private static Map<String, List<String>> query(ServiceRequestContext ctx) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        QueryParams params = ctx.queryParams();
        for (String name : params.names()) {
            query.put(name, params.getAll(name));
        }
        return query;
    }

    private static boolean intEnums(ServiceRequestContext ctx) {
        String alt = ctx.queryParam("$alt");
        return alt != null && alt.contains("enum-encoding=int");
    }

    private static HttpResponse json(Message message, boolean intEnums) {
        try {
            String json = (intEnums ? INT_ENUM_PRINTER : PRINTER).print(message);
            return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, json + "\n");
        } catch (InvalidProtocolBufferException e) {
            LOG.error("Cannot write a {} as JSON", message.getDescriptorForType().getFullName(), e);
            return error(new RestError(Status.Code.INTERNAL, "Cannot write the answer as JSON: " + e.getMessage()));
        }
    }

    static HttpResponse error(RestError error) {
        return HttpResponse.of(HttpStatus.valueOf(error.httpStatus()), MediaType.JSON_UTF_8, error.toJson());
    }

    private RestError tooLarge() {
        return RestError.invalidArgument("Request payload size exceeds the limit: " + maxRequestBytes + " bytes.");
    }

    /** A body over the limit, found while it arrives. */
    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super("request body too large", null, false, false);
        }
    }

    /** The answer to a request that failed before reaching a method: its body too large, the connection lost. */
    private HttpResponse failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof BodyTooLarge || cause instanceof ContentTooLargeException) {
            return error(tooLarge());
        }
        LOG.error("Unexpected failure of a REST call", cause);
        return error(new RestError(Status.Code.INTERNAL, String.valueOf(cause.getMessage())));
    }
}
