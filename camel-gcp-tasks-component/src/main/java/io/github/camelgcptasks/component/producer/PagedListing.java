package io.github.camelgcptasks.component.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.github.camelgcptasks.component.GcpTasksConfiguration;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads listTasks and listQueues results a page at a time, so a queue with a million tasks does not end up in one
 * exchange. The page size comes from the {@link GcpTasksConstants#PAGE_SIZE} header or the {@code pageSize} option
 * (0: Cloud Tasks' largest page), the page to read from {@link GcpTasksConstants#PAGE_TOKEN} (none: the first), and the
 * token of the page after it goes back in {@link GcpTasksConstants#NEXT_PAGE_TOKEN}, absent after the last page. Every
 * page is read, and no next token returned, only when the {@link GcpTasksConstants#ALL_PAGES} header or the
 * {@code allPages} option asks for it.
 *
 * @param pageSize  the page size asked of Cloud Tasks, 0 for its default (its largest page)
 * @param pageToken where to start, or null for the first page
 * @param allPages  whether to follow next page tokens to the end
 */
public record PagedListing(int pageSize, String pageToken, boolean allPages) {

    /** What one listing call returned: the items, and the token of the next page (null after the last one). */
    public record Listed<T>(List<T> items, String nextPageToken) {

        /** Puts the items in the body and the next page token in its header (removed after the last page). */
        public void applyTo(Message message) {
            message.setBody(items);
            if (nextPageToken == null) {
                message.removeHeader(GcpTasksConstants.NEXT_PAGE_TOKEN);
            } else {
                message.setHeader(GcpTasksConstants.NEXT_PAGE_TOKEN, nextPageToken);
            }
        }
    }

    /**
     * The paging an exchange asks for, checked against Cloud Tasks' largest page for what is listed.
     *
     * @param maxPageSize the largest page Cloud Tasks serves for this listing
     * @param what        what is listed, for messages: tasks or queues
     */
    public static PagedListing of(Exchange exchange, GcpTasksConfiguration configuration, int maxPageSize, String what) {
        Message message = exchange.getMessage();
        Object sizeHeader = message.getHeader(GcpTasksConstants.PAGE_SIZE);
        int pageSize = sizeHeader != null ? headerValue(exchange, sizeHeader, Integer.class, GcpTasksConstants.PAGE_SIZE, "a whole number")
                : configuration.getPageSize();
        String source = sizeHeader != null ? GcpTasksConstants.PAGE_SIZE : "pageSize";
        if (pageSize < 0) {
            throw new GcpTasksInvalidInputException("pageSize", source + " " + pageSize + " is negative; use 0 for"
                                                                + " Cloud Tasks' largest page of " + maxPageSize + " "
                                                                + what);
        }
        if (pageSize > maxPageSize) {
            throw new GcpTasksInvalidInputException("pageSize", source + " " + pageSize + " is more than Cloud Tasks'"
                                                                + " limit of " + maxPageSize + " " + what + " per page");
        }
        String token = message.getHeader(GcpTasksConstants.PAGE_TOKEN, String.class);
        Object allHeader = message.getHeader(GcpTasksConstants.ALL_PAGES);
        boolean allPages = allHeader != null
                ? headerValue(exchange, allHeader, Boolean.class, GcpTasksConstants.ALL_PAGES,
                                     "true or false")
                : configuration.isAllPages();
        return new PagedListing(pageSize, token == null || token.isBlank() ? null : token.trim(), allPages);
    }

    private static <T> T headerValue(Exchange exchange, Object value, Class<T> type, String header, String expected) {
        T converted = exchange.getContext().getTypeConverter().tryConvertTo(type, exchange, value);
        if (converted == null) {
            throw new GcpTasksInvalidInputException(header, header + " '" + value + "' is not " + expected);
        }
        return converted;
    }

    /**
     * Lists a page, or every page from the first one asked for.
     *
     * @param call      starts the call for a page token ("" for the first page)
     * @param items     the items of a response
     * @param nextToken the next page token of a response, empty after the last page
     */
    public <R, T> CompletableFuture<Listed<T>> list(Function<String, CompletableFuture<R>> call,
                                                    Function<R, List<T>> items, Function<R, String> nextToken) {
        return next(pageToken != null ? pageToken : "", new ArrayList<>(), call, items, nextToken);
    }

    private <R, T> CompletableFuture<Listed<T>> next(String token, List<T> collected,
                                                     Function<String, CompletableFuture<R>> call,
                                                     Function<R, List<T>> items, Function<R, String> nextToken) {
        return call.apply(token).thenCompose(response -> {
            collected.addAll(items.apply(response));
            String next = nextToken.apply(response);
            if (next == null || next.isEmpty()) {
                return CompletableFuture.completedFuture(new Listed<>(collected, null));
            }
            return allPages ? next(next, collected, call, items, nextToken)
                    : CompletableFuture.completedFuture(new Listed<>(collected, next));
        });
    }
}
