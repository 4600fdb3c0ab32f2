package io.github.camelgcptasks.emulator.fault;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault syntax and which calls a share selects. */
class FaultTest {

    private static List<Long> selectedAmongFirst(Fault fault, int calls) {
        Random random = new Random(0);
        List<Long> selected = new ArrayList<>();
        LongStream.rangeClosed(1, calls).filter(call -> fault.selects(call, random)).forEach(selected::add);
        return selected;
    }

    @Test
    void readsStatusDelayAndEveryFormOfShare() {
        assertThat(Fault.parse("CreateTask=UNAVAILABLE")).isEqualTo(Fault.status("CreateTask", Status.Code.UNAVAILABLE));
        assertThat(Fault.parse("createtask=unavailable:0.2").toString()).isEqualTo("CreateTask=UNAVAILABLE:0.2");
        assertThat(Fault.parse("CreateTask=UNAVAILABLE:20%")).isEqualTo(Fault.parse("CreateTask=UNAVAILABLE:0.2"));
        assertThat(Fault.parse("GetQueue=delay:200ms:1/2"))
                .isEqualTo(Fault.delay("GetQueue", Duration.ofMillis(200)).spread(1, 2));
        assertThat(Fault.parse("*=INTERNAL:3/10").toString()).isEqualTo("*=INTERNAL:3/10");
        assertThat(Fault.parse("ListTasks=delay:2s").lateBy()).isEqualTo(Duration.ofSeconds(2));
        assertThat(Fault.parse("ListTasks=delay:1m").lateBy()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void spreadSelectsExactlyThatManyCallsEvenly() {
        assertThat(selectedAmongFirst(Fault.parse("CreateTask=UNAVAILABLE:1/5"), 15)).containsExactly(5L, 10L, 15L);
        assertThat(selectedAmongFirst(Fault.parse("CreateTask=UNAVAILABLE:2/5"), 10)).containsExactly(3L, 5L, 8L, 10L);
        assertThat(selectedAmongFirst(Fault.parse("CreateTask=UNAVAILABLE"), 3)).containsExactly(1L, 2L, 3L);
        assertThat(selectedAmongFirst(Fault.parse("CreateTask=UNAVAILABLE:3/3"), 3)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void pseudoRandomShareIsTheSameForTheSameSeed() {
        Fault fault = Fault.parse("CreateTask=UNAVAILABLE:0.3");

        List<Long> first = selectedAmongFirst(fault, 200);

        assertThat(selectedAmongFirst(fault, 200)).isEqualTo(first);
        assertThat(first).hasSizeBetween(30, 90);
    }

    @Test
    void appliesToItsMethodOrToEveryOne() {
        assertThat(Fault.parse("CreateTask=UNAVAILABLE").appliesTo("CreateTask")).isTrue();
        assertThat(Fault.parse("CreateTask=UNAVAILABLE").appliesTo("GetTask")).isFalse();
        assertThat(Fault.parse("*=UNAVAILABLE").appliesTo("GetTask")).isTrue();
    }

    @Test
    void badFaultsAreRefusedNamingThePart() {
        assertThatThrownBy(() -> Fault.parse("CreateTasks=UNAVAILABLE"))
                .hasMessageContaining("\"CreateTasks\" is not a method of CloudTasks")
                .hasMessageContaining("CreateTask").hasMessageContaining("ListQueues");
        assertThatThrownBy(() -> Fault.parse("CreateTask=UNAVAILBLE"))
                .hasMessageContaining("\"UNAVAILBLE\" is neither delay nor a gRPC status code");
        assertThatThrownBy(() -> Fault.parse("CreateTask=OK")).hasMessageContaining("not OK");
        assertThatThrownBy(() -> Fault.parse("CreateTask")).hasMessageContaining("no '='");
        assertThatThrownBy(() -> Fault.parse("CreateTask=UNAVAILABLE:0")).hasMessageContaining("above 0 and at most 1");
        assertThatThrownBy(() -> Fault.parse("CreateTask=UNAVAILABLE:150%"))
                .hasMessageContaining("above 0 and at most 1");
        assertThatThrownBy(() -> Fault.parse("CreateTask=UNAVAILABLE:3/2")).hasMessageContaining("1 <= A <= B");
        assertThatThrownBy(() -> Fault.parse("CreateTask=UNAVAILABLE:often"))
                .hasMessageContaining("share \"often\"");
        assertThatThrownBy(() -> Fault.parse("CreateTask=delay")).hasMessageContaining("needs a duration");
        assertThatThrownBy(() -> Fault.parse("CreateTask=delay:0.2s")).hasMessageContaining("duration \"0.2s\"");
        assertThatThrownBy(() -> Fault.parse("CreateTask=delay:0ms")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> Fault.parse("CreateTask=UNAVAILABLE:1/2:3")).hasMessageContaining("too many parts");
        assertThatThrownBy(() -> Fault.parse("CreateTask=UNAVAILBLE"))
                .hasMessageContaining("Invalid fault \"CreateTask=UNAVAILBLE\"")
                .hasMessageContaining("e.g. CreateTask=UNAVAILABLE:0.2");
    }
}
