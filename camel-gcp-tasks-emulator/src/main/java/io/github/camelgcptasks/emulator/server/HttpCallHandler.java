package io.github.camelgcptasks.emulator.server;

import io.grpc.netty.shaded.io.netty.buffer.ByteBufUtil;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.ChannelFutureListener;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.SimpleChannelInboundHandler;
import io.grpc.netty.shaded.io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpRequest;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpResponseStatus;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpUtil;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpVersion;
import io.grpc.netty.shaded.io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each whole HTTP/1.1 request of one connection to an {@link HttpService} and writes the answers back in the
 * order of the requests, as pipelining requires.
 */
final class HttpCallHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpCallHandler.class);

    private final HttpService service;
    private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);

    HttpCallHandler(HttpService service) {
        this.service = service;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            String reason = String.valueOf(request.decoderResult().cause().getMessage());
            FullHttpResponse refusal = response(HttpAnswer.of(400, "text/plain; charset=utf-8",
                    ("Malformed HTTP request: " + reason + "\n").getBytes(StandardCharsets.UTF_8)));
            HttpUtil.setKeepAlive(refusal, false);
            ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // a ';' belongs to the value, as in the REST transports' $alt=json;enum-encoding=int
        QueryStringDecoder uri = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8, true, 1024, true);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(header -> headers
                .computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), name -> new ArrayList<>(1))
                .add(header.getValue()));
        HttpCall call = new HttpCall(request.method().name(), uri.rawPath(), uri.parameters(), headers,
                ByteBufUtil.getBytes(request.content()));
        CompletableFuture<HttpAnswer> answer;
        try {
            answer = service.serve(call).toCompletableFuture();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        // on the event loop, one answer after the other
        written = written.thenCombine(answer.exceptionally(HttpCallHandler::failed), (ignored, a) -> a)
                .thenAcceptAsync(a -> ctx.writeAndFlush(response(a)), ctx.executor());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection from {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    static FullHttpResponse response(HttpAnswer answer) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        answer.headers().forEach(response.headers()::set);
        HttpUtil.setContentLength(response, answer.body().length);
        return response;
    }

    private static HttpAnswer failed(Throwable failure) {
        LOG.error("Unexpected failure of an HTTP call", failure);
        return HttpAnswer.of(500, "text/plain; charset=utf-8",
                ("Internal error: " + failure + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
