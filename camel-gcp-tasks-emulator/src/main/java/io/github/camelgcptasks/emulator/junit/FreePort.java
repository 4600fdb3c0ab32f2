package io.github.camelgcptasks.emulator.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free port for an application under test that its test starts beside an emulator. A port found by binding port 0
 * and closing the socket is one the system hands out to port-0 binds, so a server started in between (the emulator's
 * gRPC and OIDC servers bind port 0) can be given the same port, and the test then talks to the wrong server. This
 * draws from below the system's ephemeral range instead, which port-0 binds never use.
 */
public final class FreePort {

    /** Linux's lowest ephemeral port by default, and below other systems' (49152). */
    private static final int DEFAULT_EPHEMERAL_LOW = 32768;
    private static final int LOWEST = 10000;
    private static final int ATTEMPTS = 100;

    private FreePort() {
    }

    /**
     * @return a port no socket is bound to now, below the ephemeral range
     * @throws UncheckedIOException when no free port was found in {@value #ATTEMPTS} draws
     */
    public static int belowEphemeralRange() {
        int high = ephemeralLow();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, high);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // drawn again
            }
        }
        throw new UncheckedIOException(new IOException("No free port between " + LOWEST + " and " + high + " after "
                                                       + ATTEMPTS + " draws"));
    }

    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > LOWEST + 1000 ? low : DEFAULT_EPHEMERAL_LOW;
        } catch (IOException | RuntimeException notLinux) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }
}
