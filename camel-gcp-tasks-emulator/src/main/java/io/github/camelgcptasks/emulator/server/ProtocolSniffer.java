package io.github.camelgcptasks.emulator.server;

import io.grpc.netty.shaded.io.grpc.netty.ProtocolNegotiationEvent;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelPipeline;
import io.grpc.netty.shaded.io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads just enough of a new connection to tell gRPC from HTTP/1.1, then puts the handlers of that protocol in its
 * place and hands them the bytes read so far. grpc-java's negotiation also gets the negotiation event it started
 * with, which this handler holds back until it knows the connection is gRPC's.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {

    /** What every HTTP/2 client sends first (RFC 9113, 3.4); no HTTP/1.1 request line starts so. */
    private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Supplier<ChannelHandler> grpc;
    private final Supplier<ChannelHandler[]> http1;
    private ProtocolNegotiationEvent negotiation;

    ProtocolSniffer(Supplier<ChannelHandler> grpc, Supplier<ChannelHandler[]> http1) {
        this.grpc = grpc;
        this.http1 = http1;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ProtocolNegotiationEvent pne) {
            negotiation = pne;
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int seen = Math.min(in.readableBytes(), HTTP2_PREFACE.length);
        for (int i = 0; i < seen; i++) {
            if (in.getByte(in.readerIndex() + i) != HTTP2_PREFACE[i]) {
                becomeHttp1(ctx);
                return;
            }
        }
        if (seen == HTTP2_PREFACE.length) {
            becomeGrpc(ctx);
        }
    }

    private void becomeGrpc(ChannelHandlerContext ctx) {
        ctx.pipeline().addAfter(ctx.name(), null, grpc.get());
        if (negotiation != null) {
            ctx.fireUserEventTriggered(negotiation);
            negotiation = null;
        }
        // the bytes read so far go on to the handler now after this one
        ctx.pipeline().remove(this);
    }

    private void becomeHttp1(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        String after = ctx.name();
        for (ChannelHandler handler : http1.get()) {
            pipeline.addAfter(after, null, handler);
            after = pipeline.context(handler).name();
        }
        negotiation = null;
        pipeline.remove(this);
    }
}
