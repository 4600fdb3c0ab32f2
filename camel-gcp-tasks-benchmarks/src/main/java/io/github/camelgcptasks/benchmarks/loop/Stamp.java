package io.github.camelgcptasks.benchmarks.loop;

/**
 * What a loop task carries in its body: its sequence number, to count each task once however often it is delivered,
 * and the {@link System#nanoTime()} it was due to be created at, to time it in the same JVM.
 */
public record Stamp(int sequence, long createdNanos) {

    public String body() {
        return sequence + ":" + createdNanos;
    }

    public static Stamp parse(String body) {
        int colon = body.indexOf(':');
        return new Stamp(Integer.parseInt(body, 0, colon, 10), Long.parseLong(body, colon + 1, body.length(), 10));
    }
}
