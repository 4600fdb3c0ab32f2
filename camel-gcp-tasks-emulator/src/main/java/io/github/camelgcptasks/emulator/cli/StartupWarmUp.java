package io.github.camelgcptasks.emulator.cli;

import com.google.cloud.location.LocationsGrpc;
import com.google.cloud.tasks.v2.CloudTasksGrpc;
import com.sun.net.httpserver.spi.HttpServerProvider;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2CodecUtil;
import org.slf4j.LoggerFactory;

/**
 * Initialises, on a second thread, the library classes the server needs, while the main thread is still reading the
 * command line: picocli takes about 0.1 s of a start and the gRPC, protobuf and Netty classes about as long, and the
 * two need not wait for each other on a machine with a second core.
 *
 * <p>It only initialises classes (the API's descriptors, Netty's transport and HTTP/2 codec, the JDK HTTP server's
 * provider, the logger): nothing is bound, started or changed. It touches none of the emulator's own classes and none
 * of picocli's, so the two threads never initialise the same class from opposite ends; the emulator is started only
 * after it has finished ({@link #awaitDone()}).
 */
final class StartupWarmUp {

    private final Thread thread;

    private StartupWarmUp(Thread thread) {
        this.thread = thread;
    }

    static StartupWarmUp begin() {
        Thread thread = new Thread(StartupWarmUp::initialiseLibraries, "cloud-tasks-emulator-warm-up");
        thread.setDaemon(true);
        thread.start();
        return new StartupWarmUp(thread);
    }

    /** Waits until the classes are initialised; a failure there only means the start does that work itself. */
    void awaitDone() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void initialiseLibraries() {
        try {
            // method descriptors and marshallers: the API's protobuf descriptors and message defaults
            CloudTasksGrpc.getServiceDescriptor();
            LocationsGrpc.getServiceDescriptor();
            // Netty's transport (with its native library) and HTTP/2 codec; a builder binds nothing until built
            NettyServerBuilder.forPort(0);
            Http2CodecUtil.connectionPrefaceBuf().release();
            // the OIDC key server is a JDK HTTP server
            HttpServerProvider.provider();
            LoggerFactory.getILoggerFactory();
        } catch (RuntimeException | LinkageError ignored) {
            // the start initialises what is missing, and reports what really fails
        }
    }
}
