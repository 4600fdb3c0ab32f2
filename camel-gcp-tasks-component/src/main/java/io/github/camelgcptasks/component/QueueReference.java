package io.github.camelgcptasks.component;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.cloud.tasks.v2.QueueName;

/**
 * The queue an endpoint URI names: a short queue id ({@code orders}) completed by the projectId and location options,
 * or a full {@code projects/P/locations/L/queues/Q} path. Checked against Cloud Tasks' naming rules when the endpoint
 * is created, so a typo fails at startup rather than on the first RPC.
 */
public final class QueueReference {

    /** Cloud Tasks' rule for queue ids. */
    public static final Pattern QUEUE_ID = Pattern.compile("[A-Za-z0-9-]{1,100}");

    private static final Pattern FULL_NAME = Pattern.compile("projects/([^/]+)/locations/([^/]+)/queues/([^/]+)");

    private final String projectId;
    private final String location;
    private final String queueId;

    private QueueReference(String projectId, String location, String queueId) {
        this.projectId = projectId;
        this.location = location;
        this.queueId = queueId;
    }

    /**
     * Resolves the URI's queue part.
     *
     * @param  queue                    a queue id or a full queue path
     * @param  defaultProjectId         used when {@code queue} is a short id; may be null
     * @param  defaultLocation          used when {@code queue} is a short id; may be null
     * @throws IllegalArgumentException naming the rule the queue breaks
     */
    public static QueueReference parse(String queue, String defaultProjectId, String defaultLocation) {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("queue must be given: gcp-tasks:QUEUE_ID or"
                                               + " gcp-tasks:projects/PROJECT/locations/LOCATION/queues/QUEUE_ID");
        }
        Matcher full = FULL_NAME.matcher(queue);
        if (full.matches()) {
            return checked(full.group(1), full.group(2), full.group(3));
        }
        if (queue.contains("/")) {
            throw new IllegalArgumentException("queue '" + queue + "' is neither a queue id nor a full name of the form"
                                               + " projects/PROJECT/locations/LOCATION/queues/QUEUE_ID");
        }
        return checked(defaultProjectId, defaultLocation, queue);
    }

    private static QueueReference checked(String projectId, String location, String queueId) {
        if (!QUEUE_ID.matcher(queueId).matches()) {
            throw new IllegalArgumentException("queue id '" + queueId + "' is invalid: it must be 1 to 100 letters,"
                                               + " digits or hyphens ([A-Za-z0-9-]{1,100})");
        }
        return new QueueReference(projectId, location, queueId);
    }

    public String queueId() {
        return queueId;
    }

    public String projectId() {
        return projectId;
    }

    public String location() {
        return location;
    }

    /**
     * The full queue name for RPCs.
     *
     * @throws IllegalStateException when the project or location is unknown, naming the option to set
     */
    public QueueName queueName() {
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalStateException("projectId is not set for queue '" + queueId
                                            + "': set the projectId option or use a full queue name");
        }
        if (location == null || location.isBlank()) {
            throw new IllegalStateException("location is not set for queue '" + queueId
                                            + "': set the location option or use a full queue name");
        }
        return QueueName.of(projectId, location, queueId);
    }

    /** The path a consumer of this queue listens on unless configured otherwise. */
    public String defaultConsumerPath() {
        return "/gcp-tasks/" + queueId;
    }

    @Override
    public String toString() {
        return projectId != null && location != null ? queueName().toString() : queueId;
    }
}
