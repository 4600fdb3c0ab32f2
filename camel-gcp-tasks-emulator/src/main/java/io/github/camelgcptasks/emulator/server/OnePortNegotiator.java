package io.github.camelgcptasks.emulator.server;

import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.util.function.Supplier;

/**
 * grpc-java's plaintext negotiation, preceded by a look at each connection's first bytes: a connection that opens
 * with the HTTP/2 preface is gRPC's, any other gets the HTTP/1.1 handlers, so both share grpc-java's one port.
 */
final class OnePortNegotiator implements InternalProtocolNegotiator.ProtocolNegotiator {

    private final InternalProtocolNegotiator.ProtocolNegotiator plaintext =
            InternalProtocolNegotiators.serverPlaintext();
    private final Supplier<ChannelHandler[]> http1;

    /** @param http1 makes the handlers of one HTTP/1.1 connection, in pipeline order */
    OnePortNegotiator(Supplier<ChannelHandler[]> http1) {
        this.http1 = http1;
    }

    @Override
    public AsciiString scheme() {
        return plaintext.scheme();
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
        return new ProtocolSniffer(() -> plaintext.newHandler(grpcHandler), http1);
    }

    @Override
    public void close() {
        plaintext.close();
    }
}
