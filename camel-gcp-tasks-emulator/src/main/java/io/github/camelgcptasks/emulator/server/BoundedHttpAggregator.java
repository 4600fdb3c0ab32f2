package io.github.camelgcptasks.emulator.server;

import io.grpc.netty.shaded.io.netty.channel.ChannelFutureListener;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelPipeline;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpMessage;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpMessage;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpObjectAggregator;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpRequest;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpResponseStatus;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpUtil;
import io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil;
import java.util.function.Supplier;

/**
 * Gathers a request whole, answering one over the limit with the REST API's own refusal (400 in Google's error
 * shape) where Netty's aggregator would answer a bare 413.
 */
final class BoundedHttpAggregator extends HttpObjectAggregator {

    private final Supplier<HttpAnswer> tooLarge;

    BoundedHttpAggregator(int maxContentLength, Supplier<HttpAnswer> tooLarge) {
        super(maxContentLength, true);
        this.tooLarge = tooLarge;
    }

    /** A request that announces a body over the limit and waits for 100 Continue is refused before it sends it. */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof HttpResponse response
                && response.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
            ReferenceCountUtil.release(answer);
            return refusal();
        }
        return answer;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        FullHttpResponse refusal = refusal();
        // once part of the body is read the connection cannot be reused; a declared length is skipped instead
        if (oversized instanceof FullHttpMessage
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized)) {
            HttpUtil.setKeepAlive(refusal, false);
            ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    private FullHttpResponse refusal() {
        return HttpCallHandler.response(tooLarge.get());
    }
}
