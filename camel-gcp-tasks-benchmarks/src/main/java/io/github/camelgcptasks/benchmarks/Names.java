package io.github.camelgcptasks.benchmarks;

/** The project, location and queue names every measure uses, so producer URIs and emulator queues agree. */
public final class Names {

    public static final String PROJECT = "bench";
    public static final String LOCATION = "local";
    public static final String HOST = "127.0.0.1";

    private Names() {
    }

    public static String queuePath(String queueId) {
        return "projects/" + PROJECT + "/locations/" + LOCATION + "/queues/" + queueId;
    }

    /** A producer URI for the emulator at {@code grpcEndpoint}, with the given extra options appended. */
    public static String producerUri(String queueId, String grpcEndpoint, String extraOptions) {
        return "gcp-tasks:" + queueId + "?endpoint=" + grpcEndpoint + "&authenticate=false&projectId=" + PROJECT
                + "&location=" + LOCATION + (extraOptions.isEmpty() ? "" : "&" + extraOptions);
    }
}
