package io.github.camelgcptasks.component;

import org.apache.camel.spi.Metadata;

/**
 * Camel message headers read and written by the {@code gcp-tasks} component.
 */
public final class GcpTasksConstants {

    @Metadata(label = "producer,consumer",
              description = "The task name. On the producer: the task id (short, or a full projects/.../tasks/ID name) to"
                            + " create, get, delete or run; after createTask, the full name of the created task. On the"
                            + " consumer: the task id from the delivery.",
              javaType = "String")
    public static final String TASK_NAME = "CamelGcpTasksTaskName";

    @Metadata(label = "producer,consumer",
              description = "The queue. After a producer call, the full queue name; on the consumer, the queue id from the"
                            + " delivery.",
              javaType = "String")
    public static final String QUEUE_NAME = "CamelGcpTasksQueueName";

    @Metadata(label = "producer",
              description = "When the task should be dispatched. Accepts java.time.Instant, com.google.protobuf.Timestamp,"
                            + " java.util.Date, epoch milliseconds (Long) or ISO-8601 text. After createTask, the task's"
                            + " schedule time as an Instant.",
              javaType = "java.time.Instant")
    public static final String SCHEDULE_TIME = "CamelGcpTasksScheduleTime";

    @Metadata(label = "producer",
              description = "The operation to perform, overriding the endpoint's operation option for this exchange.",
              javaType = "io.github.camelgcptasks.component.GcpTasksOperation")
    public static final String OPERATION = "CamelGcpTasksOperation";

    @Metadata(label = "producer",
              description = "After a batch createTask (batch=true with a List or array body), how many elements failed;"
                            + " the body then lists each element's outcome. The exchange itself does not fail when"
                            + " elements do.",
              javaType = "Integer")
    public static final String BATCH_FAILURES = "CamelGcpTasksBatchFailures";

    @Metadata(label = "producer",
              description = "After createTask with deterministicTaskId (or taskIdExpression): how many times the producer"
                            + " retried the call after a transient failure, 0 when the first attempt answered; set"
                            + " whether the exchange succeeded or failed. For a batch, the retries of all elements.",
              javaType = "Integer")
    public static final String CREATE_RETRIES = "CamelGcpTasksCreateRetries";

    @Metadata(label = "consumer",
              description = "How many times this task was attempted before this delivery (0 on the first attempt), from"
                            + " X-CloudTasks-TaskRetryCount.",
              javaType = "Integer")
    public static final String RETRY_COUNT = "CamelGcpTasksRetryCount";

    @Metadata(label = "consumer",
              description = "How many times the task received a response other than 5xx or a timeout, from"
                            + " X-CloudTasks-TaskExecutionCount.",
              javaType = "Integer")
    public static final String EXECUTION_COUNT = "CamelGcpTasksExecutionCount";

    @Metadata(label = "consumer",
              description = "The task's schedule time, from X-CloudTasks-TaskETA.",
              javaType = "java.time.Instant")
    public static final String ETA = "CamelGcpTasksEta";

    @Metadata(label = "consumer",
              description = "The HTTP status of the previous attempt (504 after a dispatch deadline was exceeded), from"
                            + " X-CloudTasks-TaskPreviousResponse; absent on the first attempt.",
              javaType = "Integer")
    public static final String PREVIOUS_RESPONSE = "CamelGcpTasksPreviousResponse";

    @Metadata(label = "consumer",
              description = "Why the task is being retried, from X-CloudTasks-TaskRetryReason; empty for HTTP targets.",
              javaType = "String")
    public static final String RETRY_REASON = "CamelGcpTasksRetryReason";

    @Metadata(label = "producer",
              description = "The dispatch deadline for this task (java.time.Duration, or milliseconds as a number),"
                            + " overriding the dispatchDeadline option. Cloud Tasks accepts 15 seconds to 30 minutes.",
              javaType = "java.time.Duration")
    public static final String DISPATCH_DEADLINE = "CamelGcpTasksDispatchDeadline";

    @Metadata(label = "producer",
              description = "With listTasks and listQueues, how many tasks or queues a page holds, overriding the pageSize"
                            + " option: at most 1000 tasks or 9800 queues, 0 for that largest page.",
              javaType = "Integer")
    public static final String PAGE_SIZE = "CamelGcpTasksPageSize";

    @Metadata(label = "producer",
              description = "With listTasks and listQueues, the page to read: the CamelGcpTasksNextPageToken of the"
                            + " previous call. Absent, the first page is read.",
              javaType = "String")
    public static final String PAGE_TOKEN = "CamelGcpTasksPageToken";

    @Metadata(label = "producer",
              description = "After listTasks and listQueues, the token of the next page, to pass as"
                            + " CamelGcpTasksPageToken; absent after the last page.",
              javaType = "String")
    public static final String NEXT_PAGE_TOKEN = "CamelGcpTasksNextPageToken";

    @Metadata(label = "producer",
              description = "With listTasks and listQueues, whether to read every page into one list, overriding the"
                            + " allPages option.",
              javaType = "Boolean")
    public static final String ALL_PAGES = "CamelGcpTasksAllPages";

    private GcpTasksConstants() {
    }
}
