package io.github.camelgcptasks.emulator.queue;

import com.google.cloud.tasks.v2.Queue;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading Queue resources in their REST JSON form, and the messages for files that are wrong. */
class QueueJsonTest {

    private static final String NAME = "projects/p/locations/l/queues/q";

    private static List<Queue> queues(String json) {
        return new InitialQueues().addJson(json, "queues.json").configs();
    }

    private static String refusal(String json) {
        return assertThatThrownBy(() -> queues(json)).isInstanceOf(IllegalArgumentException.class)
                .actual().getMessage();
    }

    @Test
    void acceptsOneQueueAnArrayAndTheListQueuesAnswer() {
        String one = "{\"name\": \"" + NAME + "-1\"}";
        String two = "{\"name\": \"" + NAME + "-2\"}";

        assertThat(queues(one)).extracting(Queue::getName).containsExactly(NAME + "-1");
        assertThat(queues("[" + one + "," + two + "]")).extracting(Queue::getName)
                .containsExactly(NAME + "-1", NAME + "-2");
        assertThat(queues("{\"queues\": [" + one + "," + two + "], \"nextPageToken\": \"\"}"))
                .extracting(Queue::getName).containsExactly(NAME + "-1", NAME + "-2");
    }

    @Test
    void snakeCaseNamesOfTheProtoWorkToo() {
        Queue queue = queues("{\"name\": \"" + NAME + "\", \"retry_config\": {\"max_attempts\": 7}}").get(0);

        assertThat(queue.getRetryConfig().getMaxAttempts()).isEqualTo(7);
    }

    @Test
    void unknownFieldIsRefusedNamingTheQueueAndTheField() {
        assertThat(refusal("{\"name\": \"" + NAME + "\", \"retryConfig\": {\"maxAttemps\": 3}}"))
                .contains("queues.json").contains("\"" + NAME + "\"").contains("maxAttemps");
    }

    @Test
    void badDurationNamesTheNestedField() {
        assertThat(refusal("{\"name\": \"" + NAME + "\", \"retryConfig\": {\"maxAttempts\": 3, \"minBackoff\": \"10\"}}"))
                .contains("\"" + NAME + "\"").contains("field retryConfig.minBackoff");
    }

    @Test
    void badEnumNamesTheField() {
        assertThat(refusal("{\"name\": \"" + NAME + "\", \"state\": \"SLEEPING\"}"))
                .contains("field state").contains("SLEEPING");
    }

    @Test
    void limitsOfCreateQueueApplyNamingQueueFieldAndLimit() {
        assertThat(refusal("{\"name\": \"" + NAME + "\", \"rateLimits\": {\"maxDispatchesPerSecond\": 501}}"))
                .contains("\"" + NAME + "\"").contains("max_dispatches_per_second").contains("500");
        assertThat(refusal("{\"name\": \"" + NAME + "\", \"rateLimits\": {\"maxConcurrentDispatches\": 5001}}"))
                .contains("max_concurrent_dispatches").contains("5000");
        assertThat(refusal("{\"name\": \"" + NAME + "\", \"retryConfig\": {\"minBackoff\": \"20s\", "
                + "\"maxBackoff\": \"10s\"}}"))
                .contains("min_backoff").contains("max_backoff");
        assertThat(refusal("{\"name\": \"" + NAME + "\", \"state\": \"DISABLED\"}"))
                .contains("state").contains("DISABLED");
    }

    @Test
    void missingOrBadNameIsRefused() {
        assertThat(refusal("[{\"name\": \"" + NAME + "\"}, {\"retryConfig\": {}}]"))
                .contains("queues.json, queue 2").contains("\"name\" must be set");
        assertThat(refusal("{\"name\": \"projects/p/locations/l/queues/no_underscores\"}"))
                .contains("no_underscores").contains("can contain only letters");
    }

    @Test
    void notJsonOrNotAnObjectIsRefused() {
        assertThat(refusal("{\"name\": ")).contains("queues.json is not valid JSON").contains("line 1");
        assertThat(refusal("")).contains("queues.json is empty");
        assertThat(refusal("[\"" + NAME + "\"]")).contains("queue 1").contains("must be a JSON object");
    }

    @Test
    void sameQueueTwiceWithOtherSettingsIsRefused() {
        InitialQueues initial = new InitialQueues().add(Queue.newBuilder().setName(NAME).build(), null);

        assertThatThrownBy(() -> initial.addJson("{\"name\": \"" + NAME + "\", \"retryConfig\": "
                + "{\"maxAttempts\": 3}}", "queues.json"))
                .hasMessageContaining("\"" + NAME + "\" is configured twice")
                .hasMessageContaining("the builder").hasMessageContaining("queues.json");
    }
}
