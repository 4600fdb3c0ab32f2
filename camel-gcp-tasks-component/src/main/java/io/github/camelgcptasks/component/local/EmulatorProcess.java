package io.github.camelgcptasks.component.local;

import io.github.camelgcptasks.emulator.CloudTasksEmulator;

/**
 * The only class of the component that touches the emulator's API, so the component loads without the emulator on the
 * classpath; {@link EmbeddedEmulator} checks for it before using this class.
 */
final class EmulatorProcess {

    private final CloudTasksEmulator emulator;

    private EmulatorProcess(CloudTasksEmulator emulator) {
        this.emulator = emulator;
    }

    static EmulatorProcess start(String host) throws Exception {
        CloudTasksEmulator emulator = CloudTasksEmulator.builder().host(host).port(0).oidcPort(0).build().start();
        return new EmulatorProcess(emulator);
    }

    String grpcEndpoint() {
        return emulator.grpcEndpoint();
    }

    String consoleUrl() {
        return emulator.consoleUrl();
    }

    String jwksUrl() {
        return emulator.jwksUrl();
    }

    String openIdIssuer() {
        return emulator.openIdIssuer();
    }

    void stop() {
        emulator.stop();
    }
}
