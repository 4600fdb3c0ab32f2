package io.github.camelgcptasks.component;

import com.google.cloud.tasks.v2.CloudTasksClient;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of a {@code gcp-tasks} endpoint. The component holds one instance whose values every endpoint starts
 * from, so an option set as {@code camel.component.gcp-tasks.*} applies to all endpoints unless a URI overrides it.
 */
@UriParams
public class GcpTasksConfiguration implements Cloneable {

    // ---------------------------------------------------------------- common

    @UriParam(label = "common",
              description = "The Google Cloud project id. Needed when the queue is given as a short id; not needed with"
                            + " a full queue name.")
    private String projectId;

    @UriParam(label = "common",
              description = "The Cloud Tasks location (region) of the queue, for example us-central1. Needed when the"
                            + " queue is given as a short id.")
    private String location;

    @UriParam(label = "common,security",
              description = "The service account key used to authenticate, as a resource: file:, classpath: or http:."
                            + " When unset, Application Default Credentials are used.")
    @Metadata(supportFileReference = true)
    private String serviceAccountKey;

    @UriParam(label = "common,security", defaultValue = "true",
              description = "Whether to authenticate to Cloud Tasks. Set it to false with endpoint to talk to a local"
                            + " emulator in plaintext.")
    private boolean authenticate = true;

    @UriParam(label = "common",
              description = "The host:port of a Cloud Tasks emulator, reached in plaintext. When unset, the real"
                            + " service is used.")
    private String endpoint;

    @UriParam(label = "common,advanced",
              description = "A CloudTasksClient to use instead of one built from the other options; a single bean of"
                            + " that type in the registry is picked up automatically. Tune retry settings and timeouts"
                            + " of RPCs on this client.")
    @Metadata(autowired = true)
    private CloudTasksClient client;

    @UriParam(label = "common,security",
              description = "The service account the producer signs OIDC tokens of created tasks with. When set on the"
                            + " component it also secures consumers: they accept only tokens issued for this account"
                            + " unless allowedServiceAccounts says otherwise.")
    private String oidcServiceAccountEmail;

    @UriParam(label = "common,security",
              description = "The OIDC token audience. On the producer, the audience put into each task's token (Cloud"
                            + " Tasks defaults it to the task URL). On the consumer, the audience a token must carry;"
                            + " defaults to the URL the request was sent to (scheme and query not compared). Behind a"
                            + " proxy or load balancer that URL can differ from the task URL, so set it there. Setting it"
                            + " also turns token verification on.")
    private String oidcAudience;

    // ---------------------------------------------------------------- producer

    @UriParam(label = "producer", defaultValue = "createTask", enums = "createTask,getTask,deleteTask,listTasks,runTask,"
                                                                          + "createQueue,getQueue,listQueues,pauseQueue,"
                                                                          + "resumeQueue,purgeQueue,deleteQueue",
              description = "The operation to perform; the CamelGcpTasksOperation header overrides it per exchange.")
    private GcpTasksOperation operation = GcpTasksOperation.createTask;

    @UriParam(label = "producer",
              description = "The full URL created tasks are dispatched to. Takes precedence over targetBaseUrl.")
    private String targetUrl;

    @UriParam(label = "producer",
              description = "The base URL of the application that consumes this queue, for example"
                            + " https://orders-abc.a.run.app. Tasks are sent to this URL plus the consumer's default"
                            + " path /gcp-tasks/{queueId}, so a producer and a consumer of the same queue meet without"
                            + " writing the URL twice.")
    private String targetBaseUrl;

    @UriParam(label = "producer", defaultValue = "POST", enums = "POST,GET,HEAD,PUT,DELETE,PATCH,OPTIONS",
              description = "The HTTP method tasks are dispatched with. Only POST, PUT and PATCH carry a body.")
    private String httpMethod = "POST";

    @UriParam(label = "producer", javaType = "java.time.Duration",
              description = "How long after creation tasks become due, for example 30s or 5m. Cloud Tasks accepts at"
                            + " most 30 days. The CamelGcpTasksScheduleTime header overrides it.")
    private long scheduleDelay;

    @UriParam(label = "producer", javaType = "java.time.Duration",
              description = "How long Cloud Tasks waits for the handler to answer before it cancels the attempt and"
                            + " retries, between 15 seconds and 30 minutes. When unset, Cloud Tasks' default (10"
                            + " minutes) applies.")
    private long dispatchDeadline;

    @UriParam(label = "producer,security",
              description = "The service account whose OAuth token is attached to tasks, for Google API targets (hosts under googleapis.com)."
                            + " Ignored when oidcServiceAccountEmail is set.")
    private String oauthServiceAccountEmail;

    @UriParam(label = "producer,security",
              description = "The OAuth scope of the token attached to tasks; Cloud Tasks defaults it to"
                            + " https://www.googleapis.com/auth/cloud-platform.")
    private String oauthScope;

    @UriParam(label = "producer", defaultValue = "false",
              description = "Whether creating a task whose name already exists (or existed recently) counts as success"
                            + " instead of failing the exchange; useful to deduplicate by task name. The"
                            + " CamelGcpTasksTaskName header then holds the existing name. With createQueue, an existing"
                            + " queue is returned instead of failing.")
    private boolean ignoreAlreadyExists;

    @UriParam(label = "producer", defaultValue = "false",
              description = "Whether to create the queue when the producer starts if it does not exist yet.")
    private boolean autoCreateQueue;

    @UriParam(label = "producer", defaultValue = "false",
              description = "Whether a java.util.List or array body creates one task per element, concurrently. The"
                            + " result body then lists, per element, the created task name or the error, and the"
                            + " CamelGcpTasksBatchFailures header counts the failed elements; the exchange itself does"
                            + " not fail, so tasks already created are not sent again by an error handler.")
    private boolean batch;

    @UriParam(label = "producer",
              description = "How many tasks (listTasks) or queues (listQueues) one call returns: at most 1000 tasks or"
                            + " 9800 queues; 0 asks for that largest page. The CamelGcpTasksPageSize header overrides"
                            + " it.")
    private int pageSize;

    @UriParam(label = "producer", defaultValue = "false",
              description = "Whether listTasks and listQueues read every page into one list instead of one page; the"
                            + " list then grows with the queue, so prefer paging with CamelGcpTasksNextPageToken for"
                            + " large queues. The CamelGcpTasksAllPages header overrides it.")
    private boolean allPages;

    // ---------------------------------------------------------------- queue settings (autoCreateQueue, createQueue)

    @UriParam(label = "producer,queue",
              description = "The queue's rate limit, RateLimits.maxDispatchesPerSecond, when the producer creates the"
                            + " queue (autoCreateQueue, or createQueue without a Queue body): more than 0 and at most 500."
                            + " Unset, Cloud Tasks' default (500) applies. An existing queue is left as it is.")
    private Double queueMaxDispatchesPerSecond;

    @UriParam(label = "producer,queue",
              description = "The most attempts in flight at once, RateLimits.maxConcurrentDispatches, when the producer"
                            + " creates the queue: 1 to 5000. Unset, Cloud Tasks' default (1000) applies.")
    private Integer queueMaxConcurrentDispatches;

    @UriParam(label = "producer,queue",
              description = "How many attempts a task gets, RetryConfig.maxAttempts, when the producer creates the"
                            + " queue: -1 for unlimited, or 1 or more. Unset, Cloud Tasks' default (100) applies.")
    private Integer queueMaxAttempts;

    @UriParam(label = "producer,queue", javaType = "java.time.Duration",
              description = "The shortest wait before a retry, RetryConfig.minBackoff, when the producer creates the"
                            + " queue; at most queueMaxBackoff. Unset, Cloud Tasks' default (0.1 seconds) applies.")
    private long queueMinBackoff;

    @UriParam(label = "producer,queue", javaType = "java.time.Duration",
              description = "The longest wait before a retry, RetryConfig.maxBackoff, when the producer creates the"
                            + " queue; at least queueMinBackoff. Unset, Cloud Tasks' default (1 hour) applies.")
    private long queueMaxBackoff;

    @UriParam(label = "producer,queue",
              description = "How many times the wait between retries doubles before it grows linearly,"
                            + " RetryConfig.maxDoublings, when the producer creates the queue: 0 or more. Unset, Cloud"
                            + " Tasks' default (16) applies.")
    private Integer queueMaxDoublings;

    @UriParam(label = "producer,queue", javaType = "java.time.Duration",
              description = "How long after its first attempt a task may still be retried, RetryConfig.maxRetryDuration,"
                            + " when the producer creates the queue; a task stops when both this and queueMaxAttempts"
                            + " are spent. Unset or 0, unlimited.")
    private long queueMaxRetryDuration;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Whether createTask names each task itself, with an id hashed (SHA-256) from the exchange:"
                            + " from taskIdExpression when set, else from the exchange id. The same exchange then always"
                            + " names the same task, so the producer retries transient failures (UNAVAILABLE,"
                            + " DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, INTERNAL) within retryMaxAttempts and"
                            + " retryTimeout, and an ALREADY_EXISTS answer to a retry, or to a Camel redelivery of the"
                            + " exchange, counts as success. Without it createTask is tried once, since Cloud Tasks"
                            + " could create an unnamed task twice. A CamelGcpTasksTaskName header still names the task.")
    private boolean deterministicTaskId;

    @UriParam(label = "producer",
              description = "A Simple expression whose value identifies the task, for example ${header.orderId}; its"
                            + " SHA-256 hash becomes the task id, so equal values name the same task (Cloud Tasks refuses"
                            + " a name for about an hour after its task completed). Setting it turns"
                            + " deterministicTaskId on. When unset, the exchange id is hashed.")
    private String taskIdExpression;

    @UriParam(label = "producer,advanced", defaultValue = "10",
              description = "With deterministicTaskId: how many times createTask is tried in all, counting the first"
                            + " attempt, before the exchange fails with the last error. 1 turns the producer's retries"
                            + " off and keeps the deterministic id.")
    private int retryMaxAttempts = 10;

    @UriParam(label = "producer,advanced", defaultValue = "100", javaType = "java.time.Duration",
              description = "With deterministicTaskId: the wait before the first retry. Each further wait doubles, up to"
                            + " retryMaxBackoff, and is shortened by a random part of up to a half so that producers"
                            + " do not retry in step.")
    private long retryInitialBackoff = 100;

    @UriParam(label = "producer,advanced", defaultValue = "5000", javaType = "java.time.Duration",
              description = "With deterministicTaskId: the longest wait between two attempts.")
    private long retryMaxBackoff = 5000;

    @UriParam(label = "producer,advanced", defaultValue = "30000", javaType = "java.time.Duration",
              description = "With deterministicTaskId: how long createTask may take in all, retries and waits included;"
                            + " each attempt's RPC deadline is cut to what is left, and no retry starts after it. The"
                            + " exchange then fails with the last error.")
    private long retryTimeout = 30000;

    // ---------------------------------------------------------------- consumer

    @UriParam(label = "consumer",
              description = "The HTTP path the consumer listens on with platform-http. Defaults to"
                            + " /gcp-tasks/{queueId}, the path a producer with targetBaseUrl sends to.")
    private String path;

    @UriParam(label = "consumer,security",
              description = "Comma separated service account emails whose OIDC tokens the consumer accepts. When set (or"
                            + " when oidcServiceAccountEmail is set), a delivery without a valid token is refused with"
                            + " 401 and one from another account, or without email_verified, with 403. Takes precedence"
                            + " over oidcServiceAccountEmail. With only oidcAudience set, tokens of any account are"
                            + " accepted.")
    private String allowedServiceAccounts;

    @UriParam(label = "consumer,security", defaultValue = "https://www.googleapis.com/oauth2/v3/certs",
              description = "Where the consumer fetches the public keys that sign OIDC tokens (JWKS or PEM certificates"
                            + " JSON). Point it at the emulator's JWKS URL for local runs.")
    private String oidcCertificatesLocation = "https://www.googleapis.com/oauth2/v3/certs";

    @UriParam(label = "consumer,security",
              description = "The issuer an OIDC token must carry. When unset, both issuers Google uses are accepted:"
                            + " https://accounts.google.com and accounts.google.com.")
    private String oidcIssuer;

    @UriParam(label = "consumer,security", defaultValue = "60000", javaType = "java.time.Duration",
              description = "How far ahead of this machine's clock a token's nbf (not before) and iat (issued at) may"
                            + " lie before the consumer refuses it with 401, to allow for clocks that differ a little.")
    private long oidcClockSkew = 60000;

    @UriParam(label = "consumer", defaultValue = "true",
              description = "Whether a delivery must carry X-CloudTasks-TaskName and an X-CloudTasks-QueueName equal to"
                            + " this queue; a request that does not is answered 400.")
    private boolean validateDeliveryHeaders = true;

    @UriParam(label = "consumer,security", defaultValue = "true",
              description = "Whether the consumer refuses a delivery on its headers, before the HTTP engine reads"
                            + " its body: 401/403 for a token it does not accept, 413 for a Content-Length over Cloud"
                            + " Tasks' 1 MB limit. On Vert.x a route placed before platform-http's does it; under"
                            + " Spring Boot a servlet filter of the gcp-tasks starter, which also stops reading a body"
                            + " sent without Content-Length one byte past the limit. false leaves every request to the"
                            + " consumer, after the engine has read its body.")
    private boolean earlyRefusal = true;

    @UriParam(label = "consumer",
              description = "The last attempt (counted from 1, that is X-CloudTasks-TaskRetryCount + 1) a delivery gets:"
                            + " when the route fails on it, the delivery is sent to deadLetterUri and acknowledged, so"
                            + " Cloud Tasks stops retrying it. Requires deadLetterUri. 0 leaves retries to the queue's"
                            + " retry configuration.")
    private int maxDeliveryAttempts;

    @UriParam(label = "consumer",
              description = "The endpoint that receives deliveries that failed on their last allowed attempt (see"
                            + " maxDeliveryAttempts): the message as it entered the route, with the exception that"
                            + " failed it as the CamelExceptionCaught property. Requires maxDeliveryAttempts.")
    private String deadLetterUri;

    @UriParam(label = "consumer",
              description = "A repository of task names (queueId/taskId) that were processed successfully: a delivery"
                            + " of such a task is answered 200 without running the route. A name is recorded only after its"
                            + " delivery was processed, so a failed or interrupted delivery is processed again on retry;"
                            + " a duplicate arriving while the same consumer still processes it is answered 409, so"
                            + " Cloud Tasks retries it later.")
    private IdempotentRepository idempotentRepository;

    @UriParam(label = "consumer",
              description = "The class name the JSON body of a delivery is unmarshalled to with Jackson (unknown"
                            + " properties ignored); java.lang.String gives the body as UTF-8 text. When unset the body"
                            + " is the delivered bytes. A body that cannot be unmarshalled fails the delivery.")
    private String unmarshalType;

    public GcpTasksConfiguration copy() {
        try {
            return (GcpTasksConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getProjectId() {
        return projectId;
    }

    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getServiceAccountKey() {
        return serviceAccountKey;
    }

    public void setServiceAccountKey(String serviceAccountKey) {
        this.serviceAccountKey = serviceAccountKey;
    }

    public boolean isAuthenticate() {
        return authenticate;
    }

    public void setAuthenticate(boolean authenticate) {
        this.authenticate = authenticate;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public CloudTasksClient getClient() {
        return client;
    }

    public void setClient(CloudTasksClient client) {
        this.client = client;
    }

    public String getOidcServiceAccountEmail() {
        return oidcServiceAccountEmail;
    }

    public void setOidcServiceAccountEmail(String oidcServiceAccountEmail) {
        this.oidcServiceAccountEmail = oidcServiceAccountEmail;
    }

    public String getOidcAudience() {
        return oidcAudience;
    }

    public void setOidcAudience(String oidcAudience) {
        this.oidcAudience = oidcAudience;
    }

    public GcpTasksOperation getOperation() {
        return operation;
    }

    public void setOperation(GcpTasksOperation operation) {
        this.operation = operation;
    }

    public String getTargetUrl() {
        return targetUrl;
    }

    public void setTargetUrl(String targetUrl) {
        this.targetUrl = targetUrl;
    }

    public String getTargetBaseUrl() {
        return targetBaseUrl;
    }

    public void setTargetBaseUrl(String targetBaseUrl) {
        this.targetBaseUrl = targetBaseUrl;
    }

    public String getHttpMethod() {
        return httpMethod;
    }

    public void setHttpMethod(String httpMethod) {
        this.httpMethod = httpMethod;
    }

    public long getScheduleDelay() {
        return scheduleDelay;
    }

    public void setScheduleDelay(long scheduleDelay) {
        this.scheduleDelay = scheduleDelay;
    }

    public long getDispatchDeadline() {
        return dispatchDeadline;
    }

    public void setDispatchDeadline(long dispatchDeadline) {
        this.dispatchDeadline = dispatchDeadline;
    }

    public String getOauthServiceAccountEmail() {
        return oauthServiceAccountEmail;
    }

    public void setOauthServiceAccountEmail(String oauthServiceAccountEmail) {
        this.oauthServiceAccountEmail = oauthServiceAccountEmail;
    }

    public String getOauthScope() {
        return oauthScope;
    }

    public void setOauthScope(String oauthScope) {
        this.oauthScope = oauthScope;
    }

    public boolean isIgnoreAlreadyExists() {
        return ignoreAlreadyExists;
    }

    public void setIgnoreAlreadyExists(boolean ignoreAlreadyExists) {
        this.ignoreAlreadyExists = ignoreAlreadyExists;
    }

    public boolean isAutoCreateQueue() {
        return autoCreateQueue;
    }

    public void setAutoCreateQueue(boolean autoCreateQueue) {
        this.autoCreateQueue = autoCreateQueue;
    }

    public boolean isBatch() {
        return batch;
    }

    public void setBatch(boolean batch) {
        this.batch = batch;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public boolean isAllPages() {
        return allPages;
    }

    public void setAllPages(boolean allPages) {
        this.allPages = allPages;
    }

    public Double getQueueMaxDispatchesPerSecond() {
        return queueMaxDispatchesPerSecond;
    }

    public void setQueueMaxDispatchesPerSecond(Double queueMaxDispatchesPerSecond) {
        this.queueMaxDispatchesPerSecond = queueMaxDispatchesPerSecond;
    }

    public Integer getQueueMaxConcurrentDispatches() {
        return queueMaxConcurrentDispatches;
    }

    public void setQueueMaxConcurrentDispatches(Integer queueMaxConcurrentDispatches) {
        this.queueMaxConcurrentDispatches = queueMaxConcurrentDispatches;
    }

    public Integer getQueueMaxAttempts() {
        return queueMaxAttempts;
    }

    public void setQueueMaxAttempts(Integer queueMaxAttempts) {
        this.queueMaxAttempts = queueMaxAttempts;
    }

    public long getQueueMinBackoff() {
        return queueMinBackoff;
    }

    public void setQueueMinBackoff(long queueMinBackoff) {
        this.queueMinBackoff = queueMinBackoff;
    }

    public long getQueueMaxBackoff() {
        return queueMaxBackoff;
    }

    public void setQueueMaxBackoff(long queueMaxBackoff) {
        this.queueMaxBackoff = queueMaxBackoff;
    }

    public Integer getQueueMaxDoublings() {
        return queueMaxDoublings;
    }

    public void setQueueMaxDoublings(Integer queueMaxDoublings) {
        this.queueMaxDoublings = queueMaxDoublings;
    }

    public long getQueueMaxRetryDuration() {
        return queueMaxRetryDuration;
    }

    public void setQueueMaxRetryDuration(long queueMaxRetryDuration) {
        this.queueMaxRetryDuration = queueMaxRetryDuration;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getAllowedServiceAccounts() {
        return allowedServiceAccounts;
    }

    public void setAllowedServiceAccounts(String allowedServiceAccounts) {
        this.allowedServiceAccounts = allowedServiceAccounts;
    }

    public String getOidcCertificatesLocation() {
        return oidcCertificatesLocation;
    }

    public void setOidcCertificatesLocation(String oidcCertificatesLocation) {
        this.oidcCertificatesLocation = oidcCertificatesLocation;
    }

    public String getOidcIssuer() {
        return oidcIssuer;
    }

    public void setOidcIssuer(String oidcIssuer) {
        this.oidcIssuer = oidcIssuer;
    }

    public boolean isValidateDeliveryHeaders() {
        return validateDeliveryHeaders;
    }

    public void setValidateDeliveryHeaders(boolean validateDeliveryHeaders) {
        this.validateDeliveryHeaders = validateDeliveryHeaders;
    }

    public boolean isEarlyRefusal() {
        return earlyRefusal;
    }

    public void setEarlyRefusal(boolean earlyRefusal) {
        this.earlyRefusal = earlyRefusal;
    }

    public int getMaxDeliveryAttempts() {
        return maxDeliveryAttempts;
    }

    public void setMaxDeliveryAttempts(int maxDeliveryAttempts) {
        this.maxDeliveryAttempts = maxDeliveryAttempts;
    }

    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    public void setDeadLetterUri(String deadLetterUri) {
        this.deadLetterUri = deadLetterUri;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public String getUnmarshalType() {
        return unmarshalType;
    }

    public void setUnmarshalType(String unmarshalType) {
        this.unmarshalType = unmarshalType;
    }

    public boolean isDeterministicTaskId() {
        return deterministicTaskId;
    }

    public void setDeterministicTaskId(boolean deterministicTaskId) {
        this.deterministicTaskId = deterministicTaskId;
    }

    public String getTaskIdExpression() {
        return taskIdExpression;
    }

    public void setTaskIdExpression(String taskIdExpression) {
        this.taskIdExpression = taskIdExpression;
    }

    public int getRetryMaxAttempts() {
        return retryMaxAttempts;
    }

    public void setRetryMaxAttempts(int retryMaxAttempts) {
        this.retryMaxAttempts = retryMaxAttempts;
    }

    public long getRetryInitialBackoff() {
        return retryInitialBackoff;
    }

    public void setRetryInitialBackoff(long retryInitialBackoff) {
        this.retryInitialBackoff = retryInitialBackoff;
    }

    public long getRetryMaxBackoff() {
        return retryMaxBackoff;
    }

    public void setRetryMaxBackoff(long retryMaxBackoff) {
        this.retryMaxBackoff = retryMaxBackoff;
    }

    public long getRetryTimeout() {
        return retryTimeout;
    }

    public void setRetryTimeout(long retryTimeout) {
        this.retryTimeout = retryTimeout;
    }

    public long getOidcClockSkew() {
        return oidcClockSkew;
    }

    public void setOidcClockSkew(long oidcClockSkew) {
        this.oidcClockSkew = oidcClockSkew;
    }
}
