package io.github.camelgcptasks.examples.orders.boot;

import java.util.Map;

import io.github.camelgcptasks.component.GcpTasksConstants;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * The orders API and its worker: {@code POST /orders} puts the order on the Cloud Tasks queue {@code orders} and
 * answers 202; Cloud Tasks delivers it back to {@code from("gcp-tasks:orders")}, which fails the first attempt on
 * purpose so the retry shows; {@code GET /orders/{id}} tells how far the order got.
 */
@Component
public class OrderRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // a failed delivery is answered 500 and retried by Cloud Tasks: one log line is enough
        errorHandler(defaultErrorHandler().logStackTrace(false).logExhaustedMessageHistory(false));

        restConfiguration().component("platform-http");

        rest("/orders")
                .post().consumes("application/json").produces("application/json").to("direct:place-order")
                .get("/{id}").produces("application/json").to("direct:order-status");

        from("direct:place-order").routeId("place-order")
                .unmarshal().json(JsonLibrary.Jackson, Map.class)
                .bean("orderStore", "place")
                .setProperty("orderId", simple("${body[id]}"))
                // the HTTP request's headers are not meant for the task
                .removeHeaders("*")
                .to("gcp-tasks:orders")
                .log("Order ${exchangeProperty.orderId} queued as task ${header.CamelGcpTasksTaskName}")
                .setBody(simple("{\"id\": \"${exchangeProperty.orderId}\", \"taskName\": \"${header.CamelGcpTasksTaskName}\"}"))
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(202))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));

        from("gcp-tasks:orders").routeId("process-order")
                .unmarshal().json(JsonLibrary.Jackson, Map.class)
                .setProperty("orderId", simple("${body[id]}"))
                .log("Order ${exchangeProperty.orderId}: delivery with retry count ${header.CamelGcpTasksRetryCount},"
                     + " execution count ${header.CamelGcpTasksExecutionCount}")
                .bean("orderStore", "recordAttempt(${exchangeProperty.orderId})")
                .filter(header(GcpTasksConstants.RETRY_COUNT).isEqualTo(0))
                    .log(LoggingLevel.WARN, "Order ${exchangeProperty.orderId}: failing the first attempt on purpose;"
                                            + " Cloud Tasks retries it")
                    .throwException(IllegalStateException.class, "first attempt fails on purpose")
                .end()
                .bean("orderStore", "markProcessed(${exchangeProperty.orderId})")
                .log("Order ${exchangeProperty.orderId}: processed");

        from("direct:order-status").routeId("order-status")
                .bean("orderStore", "status(${header.id})")
                .choice()
                    .when(body().isNull())
                        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(404))
                        .setBody(simple("{\"error\": \"no order ${header.id}\"}"))
                    .otherwise()
                        .marshal().json(JsonLibrary.Jackson)
                .end()
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }
}
