package io.github.camelgcptasks.emulator.dispatch.http;

import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpHeaderNames;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpObject;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpUtil;
import io.grpc.netty.shaded.io.netty.handler.codec.http.LastHttpContent;
import io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil;

/**
 * Reads the answer to the request in flight on one connection: its status, whether the connection stays open and
 * where a redirect points. The body is read and dropped, as Cloud Tasks only looks at the status.
 */
final class ResponseReader extends ChannelInboundHandlerAdapter {

    private DeliveryExchange exchange;
    private boolean bytesArrived;
    private int status = -1;
    private boolean keepAlive;
    private String location;

    /** The exchange whose request is about to be written on this connection. */
    void expect(DeliveryExchange next) {
        exchange = next;
        bytesArrived = false;
        status = -1;
        location = null;
    }

    /**
     * A handler for in front of the HTTP codec that notes when bytes arrive, before the codec has made anything of
     * them: something of an answer, perhaps less than a status line or not HTTP at all, means the request reached
     * the target, so a connection lost after that is not the stale one whose request is resent.
     */
    ChannelInboundHandlerAdapter bytesWatcher() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                bytesArrived = true;
                ctx.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
                lost(ctx, object.decoderResult().cause());
                return;
            }
            if (msg instanceof HttpResponse response) {
                int code = response.status().code();
                if (code >= 100 && code < 200 && code != 101) {
                    return; // informational; the real answer follows
                }
                status = code;
                keepAlive = HttpUtil.isKeepAlive(response);
                location = response.headers().get(HttpHeaderNames.LOCATION);
            }
            if (msg instanceof LastHttpContent && status != -1) {
                DeliveryExchange answered = exchange;
                exchange = null;
                if (answered == null) {
                    ctx.close(); // an answer nobody asked for: the connection cannot be trusted
                } else {
                    answered.answered(ctx.channel(), status, keepAlive, location);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        DeliveryExchange waiting = exchange;
        exchange = null;
        if (waiting != null) {
            waiting.connectionLost(bytesArrived, null);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        lost(ctx, cause);
    }

    private void lost(ChannelHandlerContext ctx, Throwable cause) {
        DeliveryExchange waiting = exchange;
        exchange = null;
        ctx.close();
        if (waiting != null) {
            waiting.connectionLost(bytesArrived, cause);
        }
    }
}
