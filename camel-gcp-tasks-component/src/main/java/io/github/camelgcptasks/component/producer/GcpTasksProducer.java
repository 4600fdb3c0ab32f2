package io.github.camelgcptasks.component.producer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.CloudTasksSettings;
import com.google.cloud.tasks.v2.CreateQueueRequest;
import com.google.cloud.tasks.v2.CreateTaskRequest;
import com.google.cloud.tasks.v2.DeleteQueueRequest;
import com.google.cloud.tasks.v2.DeleteTaskRequest;
import com.google.cloud.tasks.v2.GetQueueRequest;
import com.google.cloud.tasks.v2.GetTaskRequest;
import com.google.cloud.tasks.v2.ListQueuesRequest;
import com.google.cloud.tasks.v2.ListQueuesResponse;
import com.google.cloud.tasks.v2.ListTasksRequest;
import com.google.cloud.tasks.v2.ListTasksResponse;
import com.google.cloud.tasks.v2.LocationName;
import com.google.cloud.tasks.v2.PauseQueueRequest;
import com.google.cloud.tasks.v2.PurgeQueueRequest;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.QueueName;
import com.google.cloud.tasks.v2.ResumeQueueRequest;
import com.google.cloud.tasks.v2.RunTaskRequest;
import com.google.cloud.tasks.v2.Task;
import com.google.cloud.tasks.v2.TaskName;
import io.github.camelgcptasks.component.CloudTasksLimits;
import io.github.camelgcptasks.component.GcpTasksConfiguration;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.GcpTasksEndpoint;
import io.github.camelgcptasks.component.GcpTasksException;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import io.github.camelgcptasks.component.GcpTasksOperation;
import io.github.camelgcptasks.component.QueueReference;
import io.github.camelgcptasks.component.health.GcpTasksProducerHealthCheck;
import io.grpc.Status;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * The {@code gcp-tasks} producer: performs the endpoint's {@code operation} (or the one the
 * {@link GcpTasksConstants#OPERATION} header names, as a {@link GcpTasksOperation} or its name) on the endpoint's
 * queue.
 * <p>
 * <b>Asynchronous.</b> Every call goes through the client's callables and completes the exchange from the client's
 * callback, so no Camel thread waits for Cloud Tasks; the route continues on the client's transport thread.
 * <p>
 * <b>Bodies and headers per operation.</b> Every operation sets {@link GcpTasksConstants#QUEUE_NAME} to the full queue
 * name. Operations on one task read {@link GcpTasksConstants#TASK_NAME} (a task id, or a full task name in any queue)
 * and set it to the full name.
 * <ul>
 * <li>{@code createTask}: the body becomes the task's HTTP body (see {@link TaskRequestFactory}) and is left
 * unchanged; {@code TASK_NAME} is set to the created task's full name and {@code SCHEDULE_TIME} to its schedule time
 * ({@link java.time.Instant}). With {@code ignoreAlreadyExists}, a name that already exists (or existed within the
 * last hour) counts as success: {@code TASK_NAME} is that name and no other header changes. With {@code batch=true} and
 * a {@link java.util.List}, other {@link Collection} or {@code Object[]} body, one task is created per element,
 * concurrently; the body becomes a {@code List<}{@link GcpTasksBatchResult}{@code >} in element order and
 * {@link GcpTasksConstants#BATCH_FAILURES} counts the elements that failed. A batch exchange does not fail because
 * some elements failed (so the error handler cannot resend, and duplicate, the elements that were created): check the
 * header or the results. All elements are sent at once, so split very large lists into chunks (for example with the
 * Splitter EIP) to bound the calls in flight.</li>
 * <li>{@code getTask}, {@code runTask}: body becomes the {@link Task} (Cloud Tasks' BASIC view: without body and
 * headers).</li>
 * <li>{@code deleteTask}: body unchanged.</li>
 * <li>{@code listTasks}: body becomes a {@code List<Task>} of one page of the queue's tasks (BASIC view), and
 * {@link GcpTasksConstants#NEXT_PAGE_TOKEN} the token of the next page; see {@link PagedListing} for page size, page
 * token and reading every page.</li>
 * <li>{@code createQueue}: a {@link Queue} body is created as given (its name defaults to the endpoint's queue); any
 * other body creates the endpoint's queue with the {@code queue*} options ({@link QueueSettings}), Cloud Tasks'
 * defaults for those unset. Body becomes the created {@link Queue}; with
 * {@code ignoreAlreadyExists}, an existing queue is returned instead of failing.</li>
 * <li>{@code getQueue}, {@code pauseQueue}, {@code resumeQueue}, {@code purgeQueue}: body becomes the {@link Queue}
 * after the call.</li>
 * <li>{@code listQueues}: body becomes a {@code List<Queue>} of one page of the queues in the endpoint's project and
 * location, paged as listTasks is.</li>
 * <li>{@code deleteQueue}: body unchanged.</li>
 * </ul>
 * <b>Chained calls.</b> {@code TASK_NAME} is both input and output: after one createTask it holds the created task's
 * full name, and on an exchange from a {@code gcp-tasks} consumer it holds the delivered task's id. A following
 * createTask on the same queue would then hit ALREADY_EXISTS, one on another queue is refused (full name) or reuses
 * the id (short id, which makes forwarding a delivery idempotent). Remove the header when a fresh task is meant.
 * <p>
 * <b>Failures.</b> Input Cloud Tasks would refuse fails the exchange with {@link GcpTasksInvalidInputException} before
 * any call; a failed call fails it with {@link GcpTasksException}, which carries the gRPC status, queue and task.
 * Other operations are retried by the client's retry settings (tune them on a {@link CloudTasksClient} of your own,
 * the {@code client} option). createTask is not: the client gives it no retry codes, since a retry of an unnamed task
 * whose first attempt reached the server creates it twice. With {@code deterministicTaskId} (or
 * {@code taskIdExpression}) the producer names each task after the exchange ({@link DeterministicTaskIds}) and retries
 * createTask itself ({@link CreateTaskRetrier}); an ALREADY_EXISTS answer then counts as success, with
 * {@code TASK_NAME} the name asked for, and {@link GcpTasksConstants#CREATE_RETRIES} says how many retries it took.
 */
@ManagedResource(description = "Managed GcpTasksProducer")
public class GcpTasksProducer extends DefaultAsyncProducer {

    private final Clock clock;
    private CloudTasksClient client;
    private QueueName queueName;
    private TaskRequestFactory requestFactory;
    private QueueSettings queueSettings;
    private WritableHealthCheckRepository healthCheckRepository;
    private GcpTasksProducerHealthCheck healthCheck;
    /** Null unless tasks are named after their exchange; then createTask is retried. */
    private DeterministicTaskIds taskIds;
    private CreateTaskRetrier retrier;
    private ScheduledExecutorService retryScheduler;

    public GcpTasksProducer(GcpTasksEndpoint endpoint) {
        this(endpoint, Clock.systemUTC());
    }

    GcpTasksProducer(GcpTasksEndpoint endpoint, Clock clock) {
        super(endpoint);
        this.clock = clock;
    }

    @Override
    public GcpTasksEndpoint getEndpoint() {
        return (GcpTasksEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        GcpTasksEndpoint endpoint = getEndpoint();
        // option values Cloud Tasks would refuse fail the start before any call
        queueSettings = QueueSettings.of(endpoint.getConfiguration());
        queueName = endpoint.getQueueReference().queueName();
        client = endpoint.getClient();
        requestFactory = new TaskRequestFactory(endpoint, new TaskBodyEncoder(objectMapper()), clock);
        if (endpoint.getConfiguration().isAutoCreateQueue()) {
            QueueProvisioner.ensureExists(client, queueName, queueSettings);
        }
        startRetries(endpoint.getConfiguration());
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new GcpTasksProducerHealthCheck(endpoint, client, queueName);
            healthCheck.setEnabled(endpoint.getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    private void startRetries(GcpTasksConfiguration config) {
        String expression = config.getTaskIdExpression();
        boolean fromExpression = expression != null && !expression.isBlank();
        if (!config.isDeterministicTaskId() && !fromExpression) {
            return;
        }
        taskIds = fromExpression ? DeterministicTaskIds.fromExpression(getEndpoint().getCamelContext(), expression)
                : DeterministicTaskIds.fromExchangeId();
        retryScheduler = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "GcpTasksCreateTaskRetry");
        retrier = new CreateTaskRetrier(client.createTaskCallable(), retryScheduler, config, createTaskTimeout(client));
    }

    /** The client's own createTask timeout, which bounds each attempt; null when the client does not tell. */
    private static Duration createTaskTimeout(CloudTasksClient client) {
        try {
            CloudTasksSettings settings = client.getSettings();
            return settings == null ? null
                    : settings.createTaskSettings().getRetrySettings().getTotalTimeoutDuration();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        if (retryScheduler != null) {
            // graceful: retries already scheduled still run, so their exchanges complete
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(retryScheduler);
            retryScheduler = null;
        }
        super.doStop();
    }

    /** How many times this producer retried createTask since it started. */
    @ManagedAttribute(description = "How many times createTask was retried after a transient failure")
    public long getCreateTaskRetries() {
        return retrier != null ? retrier.getRetries() : 0;
    }

    /** A single ObjectMapper bean in the registry, so JSON bodies look like the rest of the application's JSON. */
    private ObjectMapper objectMapper() {
        ObjectMapper mapper = getEndpoint().getCamelContext().getRegistry().findSingleByType(ObjectMapper.class);
        if (mapper != null) {
            return mapper;
        }
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletableFuture<Consumer<Message>> outcome;
        try {
            outcome = start(operation(exchange), exchange);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (outcome.isDone()) {
            complete(exchange, outcome);
            callback.done(true);
            return true;
        }
        outcome.whenComplete((update, error) -> {
            complete(exchange, outcome);
            callback.done(false);
        });
        return false;
    }

    private static void complete(Exchange exchange, CompletableFuture<Consumer<Message>> outcome) {
        try {
            outcome.join().accept(exchange.getMessage());
        } catch (Exception e) {
            exchange.setException(CloudTasksCalls.unwrap(e));
        }
    }

    GcpTasksOperation operation(Exchange exchange) {
        Object header = exchange.getMessage().getHeader(GcpTasksConstants.OPERATION);
        if (header == null) {
            return getEndpoint().getConfiguration().getOperation();
        }
        if (header instanceof GcpTasksOperation operation) {
            return operation;
        }
        String name = header.toString().trim();
        for (GcpTasksOperation operation : GcpTasksOperation.values()) {
            if (operation.name().equalsIgnoreCase(name)) {
                return operation;
            }
        }
        throw new GcpTasksInvalidInputException("operation", GcpTasksConstants.OPERATION + " '" + name
                                                             + "' is not an operation: use one of "
                                                             + Arrays.toString(GcpTasksOperation.values()));
    }

    private CompletableFuture<Consumer<Message>> start(GcpTasksOperation operation, Exchange exchange) {
        return switch (operation) {
            case createTask -> createTask(exchange);
            case getTask -> taskCall(operation, exchange,
                    name -> CloudTasksCalls.call(client.getTaskCallable(),
                            GetTaskRequest.newBuilder().setName(name.toString()).build()),
                    (name, task) -> message -> {
                        message.setBody(task);
                        setTaskHeaders(message, name);
                    });
            case runTask -> taskCall(operation, exchange,
                    name -> CloudTasksCalls.call(client.runTaskCallable(),
                            RunTaskRequest.newBuilder().setName(name.toString()).build()),
                    (name, task) -> message -> {
                        message.setBody(task);
                        setTaskHeaders(message, name);
                    });
            case deleteTask -> taskCall(operation, exchange,
                    name -> CloudTasksCalls.call(client.deleteTaskCallable(),
                            DeleteTaskRequest.newBuilder().setName(name.toString()).build()),
                    (name, empty) -> message -> setTaskHeaders(message, name));
            case listTasks -> listTasks(PagedListing.of(exchange, getEndpoint().getConfiguration(),
                    CloudTasksLimits.MAX_TASKS_PAGE_SIZE, "tasks"))
                    .handle(failIfError(operation, null))
                    .thenApply(listed -> message -> {
                        listed.applyTo(message);
                        message.setHeader(GcpTasksConstants.QUEUE_NAME, queueName.toString());
                    });
            case createQueue -> createQueue(exchange);
            case getQueue -> queueCall(operation, CloudTasksCalls.call(client.getQueueCallable(),
                    GetQueueRequest.newBuilder().setName(queueName.toString()).build()));
            case pauseQueue -> queueCall(operation, CloudTasksCalls.call(client.pauseQueueCallable(),
                    PauseQueueRequest.newBuilder().setName(queueName.toString()).build()));
            case resumeQueue -> queueCall(operation, CloudTasksCalls.call(client.resumeQueueCallable(),
                    ResumeQueueRequest.newBuilder().setName(queueName.toString()).build()));
            case purgeQueue -> queueCall(operation, CloudTasksCalls.call(client.purgeQueueCallable(),
                    PurgeQueueRequest.newBuilder().setName(queueName.toString()).build()));
            case deleteQueue -> CloudTasksCalls.call(client.deleteQueueCallable(),
                    DeleteQueueRequest.newBuilder().setName(queueName.toString()).build())
                    .handle(failIfError(operation, null))
                    .thenApply(empty -> message -> message.setHeader(GcpTasksConstants.QUEUE_NAME,
                            queueName.toString()));
            case listQueues -> listQueues(PagedListing.of(exchange, getEndpoint().getConfiguration(),
                    CloudTasksLimits.MAX_QUEUES_PAGE_SIZE, "queues"))
                    .handle(failIfError(operation, null))
                    .thenApply(listed -> listed::applyTo);
        };
    }

    // ------------------------------------------------------------------ createTask

    /** A task that now exists: the one Cloud Tasks created, or (task null) one whose name already existed. */
    private record Created(String taskName, Task task) {
    }

    private CompletableFuture<Consumer<Message>> createTask(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (getEndpoint().getConfiguration().isBatch()) {
            List<?> elements = body instanceof Collection<?> collection ? new ArrayList<>(collection)
                    : body instanceof Object[] array ? Arrays.asList(array) : null;
            if (elements != null) {
                return createBatch(exchange, elements);
            }
        }
        CreateTaskRequest request = named(requestFactory.create(exchange), exchange, -1);
        IntConsumer retries = count -> exchange.getMessage().setHeader(GcpTasksConstants.CREATE_RETRIES, count);
        return createOne(exchange, request, retries).thenApply(created -> message -> {
            message.setHeader(GcpTasksConstants.TASK_NAME, created.taskName());
            message.setHeader(GcpTasksConstants.QUEUE_NAME, queueName.toString());
            if (created.task() != null && created.task().hasScheduleTime()) {
                message.setHeader(GcpTasksConstants.SCHEDULE_TIME,
                        TimeValues.toInstant(created.task().getScheduleTime()));
            }
        });
    }

    /**
     * The request with a name derived from the exchange when tasks are named so and the request has none yet.
     *
     * @param index the element of a batch, or -1 for the exchange's own task
     */
    private CreateTaskRequest named(CreateTaskRequest request, Exchange exchange, int index) {
        if (taskIds == null || !request.getTask().getName().isEmpty()) {
            return request;
        }
        String id = index < 0 ? taskIds.idFor(exchange) : taskIds.idFor(exchange, index);
        TaskName name = TaskName.of(queueName.getProject(), queueName.getLocation(), queueName.getQueue(), id);
        return request.toBuilder().setTask(request.getTask().toBuilder().setName(name.toString())).build();
    }

    /**
     * Creates one task: once, or with retries when tasks are named after their exchange.
     *
     * @param retries told how many retries it took, when the producer retries
     */
    private CompletableFuture<Created> createOne(Exchange exchange, CreateTaskRequest request, IntConsumer retries) {
        String requestedName = request.getTask().getName().isEmpty() ? null : request.getTask().getName();
        boolean ignoreAlreadyExists = getEndpoint().getConfiguration().isIgnoreAlreadyExists();
        if (retrier != null && requestedName != null) {
            return createRetrying(exchange, request, requestedName, retries);
        }
        return CloudTasksCalls.call(client.createTaskCallable(), request).handle((task, error) -> {
            if (error == null) {
                return new Created(task.getName(), task);
            }
            if (ignoreAlreadyExists && requestedName != null
                    && CloudTasksCalls.statusOf(error) == Status.Code.ALREADY_EXISTS) {
                return new Created(requestedName, null);
            }
            throw CloudTasksCalls.translate(error, "createTask", queueName.toString(), requestedName);
        });
    }

    private CompletableFuture<Created> createRetrying(Exchange exchange, CreateTaskRequest request, String requestedName,
                                                      IntConsumer retries) {
        // A name derived from the exchange that already exists is this exchange's task, created by an earlier send;
        // a name the user gave is a duplicate unless ignoreAlreadyExists says so or Camel is redelivering.
        boolean existsMeansCreated = isDerivedName(exchange) || isRedelivery(exchange)
                || getEndpoint().getConfiguration().isIgnoreAlreadyExists();
        return retrier.create(request, existsMeansCreated).thenApply(outcome -> {
            retries.accept(outcome.retries());
            if (outcome.failure() == null) {
                return new Created(outcome.task() != null ? outcome.task().getName() : requestedName, outcome.task());
            }
            RuntimeException failure = CloudTasksCalls.translate(outcome.failure(), "createTask", queueName.toString(),
                                                                  requestedName);
            if (outcome.attempts() > 1 && failure instanceof GcpTasksException e) {
                throw new GcpTasksException(e.getMessage() + " (gave up after " + outcome.attempts() + " attempts)",
                                            e.getStatusCode(), e.getQueueName(), e.getTaskName(), e.isRetryable(),
                                            e.getCause());
            }
            throw failure;
        });
    }

    private static boolean isDerivedName(Exchange exchange) {
        return exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME) == null;
    }

    private static boolean isRedelivery(Exchange exchange) {
        Message message = exchange.getMessage();
        Integer counter = message.getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        return Boolean.TRUE.equals(message.getHeader(Exchange.REDELIVERED, Boolean.class))
                || counter != null && counter > 0;
    }

    private CompletableFuture<Consumer<Message>> createBatch(Exchange exchange, List<?> elements) {
        Object name = exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME);
        if (name != null) {
            throw new GcpTasksInvalidInputException("taskName", GcpTasksConstants.TASK_NAME + " '" + name
                                                                + "' cannot name the tasks of a batch, as one name"
                                                                + " serves only one task: remove the header");
        }
        List<CompletableFuture<GcpTasksBatchResult>> results = new ArrayList<>(elements.size());
        AtomicInteger retries = new AtomicInteger();
        for (int i = 0; i < elements.size(); i++) {
            int index = i;
            CompletableFuture<GcpTasksBatchResult> result;
            try {
                CreateTaskRequest request = named(requestFactory.create(exchange, elements.get(i), false), exchange, i);
                result = createOne(exchange, request, retries::addAndGet).handle((created, error) -> error == null
                        ? GcpTasksBatchResult.created(index, created.taskName(), created.task())
                        : GcpTasksBatchResult.failed(index, asException(error)));
            } catch (RuntimeException invalid) {
                result = CompletableFuture.completedFuture(GcpTasksBatchResult.failed(index, invalid));
            }
            results.add(result);
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(done -> message -> {
            List<GcpTasksBatchResult> outcome = results.stream().map(CompletableFuture::join).toList();
            message.setBody(outcome);
            message.setHeader(GcpTasksConstants.BATCH_FAILURES,
                    (int) outcome.stream().filter(r -> !r.isSuccess()).count());
            if (retrier != null) {
                message.setHeader(GcpTasksConstants.CREATE_RETRIES, retries.get());
            }
            message.setHeader(GcpTasksConstants.QUEUE_NAME, queueName.toString());
        });
    }

    private static Exception asException(Throwable error) {
        Throwable cause = CloudTasksCalls.unwrap(error);
        return cause instanceof Exception e ? e : new GcpTasksException(String.valueOf(cause), Status.Code.UNKNOWN, null,
                null, false, cause);
    }

    // ------------------------------------------------------------------ other task operations

    private interface TaskResult<R> {
        Consumer<Message> apply(TaskName name, R result);
    }

    private <R> CompletableFuture<Consumer<Message>> taskCall(
            GcpTasksOperation operation, Exchange exchange, Function<TaskName, CompletableFuture<R>> call,
            TaskResult<R> result) {
        Object header = exchange.getMessage().getHeader(GcpTasksConstants.TASK_NAME);
        TaskName name = TaskNames.resolve(header != null ? header.toString() : null, queueName);
        return call.apply(name)
                .handle(failIfError(operation, name.toString()))
                .thenApply(value -> result.apply(name, value));
    }

    private static void setTaskHeaders(Message message, TaskName name) {
        message.setHeader(GcpTasksConstants.TASK_NAME, name.toString());
        message.setHeader(GcpTasksConstants.QUEUE_NAME,
                QueueName.of(name.getProject(), name.getLocation(), name.getQueue()).toString());
    }

    private CompletableFuture<PagedListing.Listed<Task>> listTasks(PagedListing paging) {
        ListTasksRequest request = ListTasksRequest.newBuilder().setParent(queueName.toString())
                .setPageSize(paging.pageSize()).build();
        return paging.list(token -> CloudTasksCalls.call(client.listTasksCallable(),
                request.toBuilder().setPageToken(token).build()),
                ListTasksResponse::getTasksList, ListTasksResponse::getNextPageToken);
    }

    // ------------------------------------------------------------------ queue operations

    private CompletableFuture<Consumer<Message>> queueCall(GcpTasksOperation operation, CompletableFuture<Queue> call) {
        return call.handle(failIfError(operation, null)).thenApply(queue -> message -> {
            message.setBody(queue);
            message.setHeader(GcpTasksConstants.QUEUE_NAME, queue.getName().isEmpty() ? queueName.toString()
                    : queue.getName());
        });
    }

    private CompletableFuture<Consumer<Message>> createQueue(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        Queue queue = body instanceof Queue given ? given : queueSettings.queue(queueName);
        QueueName name = queueName;
        if (!queue.getName().isEmpty()) {
            try {
                QueueReference reference = QueueReference.parse(queue.getName(), queueName.getProject(),
                        queueName.getLocation());
                name = reference.queueName();
            } catch (IllegalArgumentException e) {
                throw new GcpTasksInvalidInputException("queue", e.getMessage(), e);
            }
        }
        QueueName target = name;
        CreateQueueRequest request = CreateQueueRequest.newBuilder()
                .setParent(LocationName.of(target.getProject(), target.getLocation()).toString())
                .setQueue(queue.toBuilder().setName(target.toString()))
                .build();
        boolean ignoreAlreadyExists = getEndpoint().getConfiguration().isIgnoreAlreadyExists();
        CompletableFuture<Queue> created = CloudTasksCalls.call(client.createQueueCallable(), request)
                .handle((result, error) -> error == null ? CompletableFuture.completedFuture(result)
                        : ignoreAlreadyExists && CloudTasksCalls.statusOf(error) == Status.Code.ALREADY_EXISTS
                                ? CloudTasksCalls.call(client.getQueueCallable(),
                                        GetQueueRequest.newBuilder().setName(target.toString()).build())
                        : CompletableFuture.<Queue> failedFuture(error))
                .thenCompose(Function.identity());
        return created.handle((result, error) -> {
            if (error != null) {
                throw CloudTasksCalls.translate(error, "createQueue", target.toString(), null);
            }
            return result;
        }).thenApply(result -> message -> {
            message.setBody(result);
            message.setHeader(GcpTasksConstants.QUEUE_NAME, target.toString());
        });
    }

    private CompletableFuture<PagedListing.Listed<Queue>> listQueues(PagedListing paging) {
        ListQueuesRequest request = ListQueuesRequest.newBuilder()
                .setParent(LocationName.of(queueName.getProject(), queueName.getLocation()).toString())
                .setPageSize(paging.pageSize()).build();
        return paging.list(token -> CloudTasksCalls.call(client.listQueuesCallable(),
                request.toBuilder().setPageToken(token).build()),
                ListQueuesResponse::getQueuesList, ListQueuesResponse::getNextPageToken);
    }

    private <R> java.util.function.BiFunction<R, Throwable, R> failIfError(GcpTasksOperation operation,
                                                                          String taskName) {
        return (result, error) -> {
            if (error != null) {
                String queue = operation == GcpTasksOperation.listQueues ? null : queueName.toString();
                throw CloudTasksCalls.translate(error, operation.name(), queue, taskName);
            }
            return result;
        };
    }

    @Override
    public String toString() {
        return "GcpTasksProducer[" + getEndpoint().getQueue() + "]";
    }
}
