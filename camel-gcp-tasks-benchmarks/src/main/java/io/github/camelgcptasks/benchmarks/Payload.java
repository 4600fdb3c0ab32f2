package io.github.camelgcptasks.benchmarks;

import java.util.Arrays;

/** Task bodies: the same bytes for the component and the raw-client baselines, so only the call path differs. */
public final class Payload {

    /** A small JSON-sized body, typical of a task that carries an id and a few fields. */
    public static final String SMALL = "{\"orderId\":\"" + "x".repeat(230) + "\"}";

    /** Never dispatched: producer measures run on a paused queue. */
    public static final String UNREACHABLE_URL = "http://" + Names.HOST + ":9/never-dispatched";

    private Payload() {
    }

    public static byte[] ofSize(int bytes) {
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) 'a');
        return body;
    }
}
