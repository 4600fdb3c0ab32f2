package io.github.camelgcptasks.emulator.queue;

import java.util.Arrays;

/**
 * Counts events of the last 60 seconds in one-second buckets, so the count costs the same however many events there
 * were. Not thread safe: the owning queue guards it.
 */
final class MinuteCounter {

    private static final int SECONDS = 60;

    private final long[] secondOfBucket = new long[SECONDS];
    private final int[] countOfBucket = new int[SECONDS];

    MinuteCounter() {
        Arrays.fill(secondOfBucket, Long.MIN_VALUE);
    }

    void add(long nowMillis) {
        long second = Math.floorDiv(nowMillis, 1000);
        int bucket = (int) Math.floorMod(second, SECONDS);
        if (secondOfBucket[bucket] != second) {
            secondOfBucket[bucket] = second;
            countOfBucket[bucket] = 0;
        }
        countOfBucket[bucket]++;
    }

    /** Events in the 60 seconds up to {@code nowMillis}, the current second included. */
    long count(long nowMillis) {
        long second = Math.floorDiv(nowMillis, 1000);
        long total = 0;
        for (int i = 0; i < SECONDS; i++) {
            if (secondOfBucket[i] > second - SECONDS && secondOfBucket[i] <= second) {
                total += countOfBucket[i];
            }
        }
        return total;
    }
}
