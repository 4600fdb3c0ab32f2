package io.github.camelgcptasks.component.consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Ends the retries of a delivery that failed on its last allowed attempt: when attempt ({@code retryCount + 1}) is
 * at least {@code maxDeliveryAttempts}, the message as it entered the route goes to {@code deadLetterUri} with the
 * failure as {@link Exchange#EXCEPTION_CAUGHT}, and the delivery is then acknowledged so Cloud Tasks stops retrying.
 * If the dead-letter endpoint fails too, the delivery is not acknowledged, so Cloud Tasks retries it (and the next
 * attempt is dead-lettered again).
 */
public final class DeadLetterPolicy extends ServiceSupport {

    private final CamelContext camelContext;
    private final int maxDeliveryAttempts;
    private final String deadLetterUri;
    private ProducerTemplate template;

    public DeadLetterPolicy(CamelContext camelContext, int maxDeliveryAttempts, String deadLetterUri) {
        if (maxDeliveryAttempts < 0) {
            throw new IllegalArgumentException("maxDeliveryAttempts must be 0 (off) or more, was " + maxDeliveryAttempts);
        }
        boolean hasUri = deadLetterUri != null && !deadLetterUri.isBlank();
        if (maxDeliveryAttempts > 0 && !hasUri) {
            throw new IllegalArgumentException("maxDeliveryAttempts=" + maxDeliveryAttempts
                                               + " needs deadLetterUri: the endpoint that receives deliveries that"
                                               + " failed on their last allowed attempt");
        }
        if (hasUri && maxDeliveryAttempts == 0) {
            throw new IllegalArgumentException("deadLetterUri needs maxDeliveryAttempts (1 or more): the attempt after"
                                               + " which a failing delivery is dead-lettered");
        }
        this.camelContext = camelContext;
        this.maxDeliveryAttempts = maxDeliveryAttempts;
        this.deadLetterUri = hasUri ? deadLetterUri : null;
    }

    /** Whether this policy is configured at all. */
    public boolean isEnabled() {
        return maxDeliveryAttempts > 0;
    }

    /** Whether a failure of the given attempt (counted from 1) ends the task's retries. */
    public boolean isLastAttempt(int attempt) {
        return isEnabled() && attempt >= maxDeliveryAttempts;
    }

    /**
     * Sends the message to the dead-letter endpoint.
     *
     * @param  original the message as it entered the route
     * @param  failure  why the delivery failed
     * @param  routeId  the route that failed, for {@link Exchange#FAILURE_ROUTE_ID}
     * @return          null when the endpoint accepted it, else the exception it failed with
     */
    public Exception deadLetter(Message original, Exception failure, String routeId) {
        Exchange exchange = new DefaultExchange(camelContext);
        exchange.getIn().copyFrom(original);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        if (routeId != null) {
            exchange.setProperty(Exchange.FAILURE_ROUTE_ID, routeId);
        }
        Exchange result = template.send(deadLetterUri, exchange);
        return result.getException();
    }

    public int getMaxDeliveryAttempts() {
        return maxDeliveryAttempts;
    }

    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    @Override
    protected void doStart() throws Exception {
        if (isEnabled()) {
            template = camelContext.createProducerTemplate();
            ServiceHelper.startService(template);
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(template);
        template = null;
    }
}
