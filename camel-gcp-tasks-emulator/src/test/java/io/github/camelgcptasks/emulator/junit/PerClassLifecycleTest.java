package io.github.camelgcptasks.emulator.junit;

import io.github.camelgcptasks.emulator.CloudTasksEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CloudTasksEmulatorExtension.class)
class PerClassLifecycleTest {

    private final CloudTasksEmulator fromConstructor;

    PerClassLifecycleTest(CloudTasksEmulator emulator) {
        this.fromConstructor = emulator;
    }

    @Test
    void constructorOfAPerClassInstanceGetsTheSameRunningEmulator(CloudTasksEmulator emulator) {
        assertThat(emulator).isSameAs(fromConstructor);
        assertThat(emulator.grpcPort()).isPositive();
    }
}
