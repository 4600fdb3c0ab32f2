package io.github.camelgcptasks.component;

import com.google.cloud.tasks.v2.CloudTasksClient;
import io.github.camelgcptasks.component.consumer.GcpTasksConsumer;
import io.github.camelgcptasks.component.producer.GcpTasksProducer;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategyAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Sends exchanges to a Cloud Tasks queue as HTTP tasks, and receives the tasks Cloud Tasks delivers over
 * platform-http.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "gcp-tasks", title = "Google Cloud Tasks", syntax = "gcp-tasks:queue",
             category = { Category.CLOUD, Category.MESSAGING }, headersClass = GcpTasksConstants.class)
public class GcpTasksEndpoint extends DefaultEndpoint implements HeaderFilterStrategyAware, EndpointServiceLocation {

    @UriPath(description = "The queue: a queue id such as orders (completed by projectId and location), or a full name"
                           + " projects/PROJECT/locations/LOCATION/queues/QUEUE_ID.")
    @Metadata(required = true)
    private String queue;

    @UriParam
    private GcpTasksConfiguration configuration;

    @UriParam(label = "advanced",
              description = "Decides which Camel headers become task HTTP headers and which delivered HTTP headers"
                            + " become Camel headers. The default keeps Camel's own headers and connection headers (Host,"
                            + " Content-Length, Authorization, ...) out of tasks, and turns delivered X-CloudTasks-*"
                            + " headers into the typed CamelGcpTasks* headers; a header Cloud Tasks reserves"
                            + " (X-CloudTasks-*, X-Google-*, X-AppEngine-*) set on the exchange fails it.")
    private HeaderFilterStrategy headerFilterStrategy = new GcpTasksHeaderFilterStrategy();

    private QueueReference queueReference;

    public GcpTasksEndpoint(String uri, GcpTasksComponent component, String queue, GcpTasksConfiguration configuration) {
        super(uri, component);
        this.queue = queue;
        this.configuration = configuration;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        queueReference = QueueReference.parse(queue, configuration.getProjectId(), configuration.getLocation());
    }

    @Override
    public Producer createProducer() throws Exception {
        return new GcpTasksProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        GcpTasksConsumer consumer = new GcpTasksConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public GcpTasksComponent getComponent() {
        return (GcpTasksComponent) super.getComponent();
    }

    /** The client this endpoint talks through, shared with the component's other endpoints. */
    public CloudTasksClient getClient() {
        return getComponent().clientFor(configuration);
    }

    /** The queue this endpoint names, resolved against projectId and location. */
    public QueueReference getQueueReference() {
        if (queueReference == null) {
            queueReference = QueueReference.parse(queue, configuration.getProjectId(), configuration.getLocation());
        }
        return queueReference;
    }

    /** The HTTP path a consumer of this endpoint listens on. */
    public String getConsumerPath() {
        String path = configuration.getPath();
        return path != null && !path.isBlank() ? path : getQueueReference().defaultConsumerPath();
    }

    @Override
    public String getServiceUrl() {
        return configuration.getEndpoint() != null ? configuration.getEndpoint() : "cloudtasks.googleapis.com:443";
    }

    @Override
    public String getServiceProtocol() {
        return "grpc";
    }

    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }

    public GcpTasksConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(GcpTasksConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    @Override
    public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
    }
}
