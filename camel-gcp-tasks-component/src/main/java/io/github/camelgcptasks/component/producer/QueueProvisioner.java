package io.github.camelgcptasks.component.producer;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.LocationName;
import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.QueueName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a queue exists, for {@code autoCreateQueue}: it looks the queue up first, so an application without the
 * permission to create queues still starts when its queue is there, and creates it, with the rate limits and retry
 * configuration the {@code queue*} options give ({@link QueueSettings}), only when the lookup says NOT_FOUND. An
 * existing queue is left as it is. A queue created meanwhile by someone else (ALREADY_EXISTS) is fine. Runs while the
 * producer starts, so it may wait for the service.
 */
public final class QueueProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(QueueProvisioner.class);

    private QueueProvisioner() {
    }

    /** @return the queue as the service knows it */
    public static Queue ensureExists(CloudTasksClient client, QueueName queue, QueueSettings settings) {
        try {
            return client.getQueue(queue);
        } catch (NotFoundException missing) {
            LOG.info("Creating Cloud Tasks queue {} (autoCreateQueue)", queue);
            try {
                return client.createQueue(LocationName.of(queue.getProject(), queue.getLocation()),
                        settings.queue(queue));
            } catch (AlreadyExistsException createdMeanwhile) {
                return client.getQueue(queue);
            } catch (RuntimeException e) {
                throw CloudTasksCalls.translate(e, "createQueue", queue.toString(), null);
            }
        } catch (RuntimeException e) {
            throw CloudTasksCalls.translate(e, "getQueue", queue.toString(), null);
        }
    }
}
