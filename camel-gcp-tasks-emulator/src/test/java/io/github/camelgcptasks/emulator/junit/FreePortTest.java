package io.github.camelgcptasks.emulator.junit;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortTest {

    @Test
    void thePortIsBelowTheRangePortZeroBindsAreGivenAndCanBeBound() throws Exception {
        int port = FreePort.belowEphemeralRange();

        assertThat(port).isBetween(10000, 32767);
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
