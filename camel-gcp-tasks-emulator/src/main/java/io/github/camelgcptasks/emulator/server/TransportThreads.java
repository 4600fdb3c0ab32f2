package io.github.camelgcptasks.emulator.server;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.EventLoop;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.netty.shaded.io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loops of the emulator, shared by the server that answers RPCs and the client that delivers tasks:
 * a task created by an RPC is sent on the thread that received the RPC, without waking another thread first.
 * Native epoll where Netty has it (as grpc-java chooses by default), NIO elsewhere.
 */
public final class TransportThreads implements AutoCloseable {

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final boolean epoll;

    private TransportThreads(EventLoopGroup acceptor, EventLoopGroup workers, boolean epoll) {
        this.acceptor = acceptor;
        this.workers = workers;
        this.epoll = epoll;
    }

    /** Starts the loops: one that accepts connections and Netty's default number of workers (twice the cores). */
    public static TransportThreads start() {
        DefaultThreadFactory acceptorThreads = new DefaultThreadFactory("cloud-tasks-emulator-accept", true);
        DefaultThreadFactory workerThreads = new DefaultThreadFactory("cloud-tasks-emulator-io", true);
        if (Epoll.isAvailable()) {
            return new TransportThreads(new EpollEventLoopGroup(1, acceptorThreads),
                    new EpollEventLoopGroup(0, workerThreads), true);
        }
        return new TransportThreads(new NioEventLoopGroup(1, acceptorThreads),
                new NioEventLoopGroup(0, workerThreads), false);
    }

    EventLoopGroup acceptor() {
        return acceptor;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    Class<? extends ServerChannel> serverChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends Channel> clientChannelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The worker loop the calling thread runs, or the next worker when the caller is none of them. */
    public EventLoop currentOrNext() {
        for (EventExecutor worker : workers) {
            if (worker.inEventLoop()) {
                return (EventLoop) worker;
            }
        }
        return workers.next();
    }

    /** Stops the loops, closing what is still open on them, and waits at most 5 seconds. */
    @Override
    public void close() {
        acceptor.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        acceptor.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
