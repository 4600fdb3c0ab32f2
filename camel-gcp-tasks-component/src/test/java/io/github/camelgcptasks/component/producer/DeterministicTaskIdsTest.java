package io.github.camelgcptasks.component.producer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash that names tasks; naming tasks through the producer is tested in {@link ProducerRetryTest}.
 */
class DeterministicTaskIdsTest {

    @Test
    void idsAreTheFirst128BitsOfTheSha256OfTheKeyInHex() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assertThat(DeterministicTaskIds.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223");
        // sequential keys give unrelated ids
        assertThat(DeterministicTaskIds.hash("order-1").substring(0, 4))
                .isNotEqualTo(DeterministicTaskIds.hash("order-2").substring(0, 4));
    }
}
