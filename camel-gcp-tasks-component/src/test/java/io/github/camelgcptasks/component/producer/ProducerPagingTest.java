package io.github.camelgcptasks.component.producer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.cloud.tasks.v2.Queue;
import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.component.GcpTasksConstants;
import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import io.github.camelgcptasks.component.support.CamelFixture;
import io.github.camelgcptasks.emulator.junit.CloudTasksEmulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * listTasks and listQueues read one page per call, bounded by pageSize, and hand back the token of the next page; all
 * pages only when asked for.
 */
class ProducerPagingTest {

    private static final String LOCATION = "projects/p/locations/paging/queues/";
    private static final String TASKS = LOCATION + "listed";
    private static final String[] QUEUES = { TASKS, LOCATION + "q-a", LOCATION + "q-b", LOCATION + "q-c" };

    static final CloudTasksEmulatorExtension EMULATOR = CloudTasksEmulatorExtension.withQueues(QUEUES);

    @RegisterExtension
    static final CamelFixture CAMEL = new CamelFixture(EMULATOR, TASKS);

    private static final List<String> CREATED = new ArrayList<>();

    private final ProducerTemplate template = CAMEL.template();

    @BeforeAll
    static void fiveTasks() {
        for (int i = 0; i < 5; i++) {
            Exchange created = CAMEL.template().send("gcp-tasks:" + TASKS + "?targetUrl=http://localhost:1/x",
                    e -> e.getMessage().setBody("task"));
            assertThat(created.getException()).isNull();
            CREATED.add(created.getMessage().getHeader(GcpTasksConstants.TASK_NAME, String.class));
        }
    }

    private Exchange list(String operation, String options, Map<String, Object> headers) {
        return template.send("gcp-tasks:" + TASKS + "?operation=" + operation + options,
                e -> headers.forEach(e.getMessage()::setHeader));
    }

    @SuppressWarnings("unchecked")
    private static List<Task> tasks(Exchange exchange) {
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getBody(List.class);
    }

    @Test
    void pagesOfPageSizeAreReadOneByOneByFollowingTheNextPageToken() {
        List<Integer> pageSizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        Map<String, Object> headers = new HashMap<>();
        String next;
        do {
            Exchange page = list("listTasks", "&pageSize=2", headers);
            List<Task> tasks = tasks(page);
            pageSizes.add(tasks.size());
            tasks.forEach(task -> seen.add(task.getName()));
            next = page.getMessage().getHeader(GcpTasksConstants.NEXT_PAGE_TOKEN, String.class);
            headers.put(GcpTasksConstants.PAGE_TOKEN, next);
        } while (next != null && pageSizes.size() < 10);

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(CREATED);
    }

    @Test
    void theHeaderOverridesThePageSizeOption() {
        Exchange page = list("listTasks", "&pageSize=2", Map.of(GcpTasksConstants.PAGE_SIZE, 4));

        assertThat(tasks(page)).hasSize(4);
        assertThat(page.getMessage().getHeader(GcpTasksConstants.NEXT_PAGE_TOKEN, String.class)).isNotBlank();
    }

    @Test
    void withoutAPageSizeOnePageOfCloudTasksLargestSizeIsRead() {
        Exchange page = list("listTasks", "", Map.of());

        assertThat(tasks(page)).extracting(Task::getName).containsExactlyInAnyOrderElementsOf(CREATED);
        assertThat(page.getMessage().getHeaders()).doesNotContainKey(GcpTasksConstants.NEXT_PAGE_TOKEN);
    }

    @Test
    void allPagesReadsEveryPageOnlyWhenAskedFor() {
        Exchange byOption = list("listTasks", "&pageSize=2&allPages=true", Map.of());
        assertThat(tasks(byOption)).extracting(Task::getName).containsExactlyInAnyOrderElementsOf(CREATED);
        assertThat(byOption.getMessage().getHeaders()).doesNotContainKey(GcpTasksConstants.NEXT_PAGE_TOKEN);

        Exchange byHeader = list("listTasks", "&pageSize=2", Map.of(GcpTasksConstants.ALL_PAGES, "true"));
        assertThat(tasks(byHeader)).hasSize(5);

        Exchange offByHeader = list("listTasks", "&pageSize=2&allPages=true", Map.of(GcpTasksConstants.ALL_PAGES, false));
        assertThat(tasks(offByHeader)).hasSize(2);
    }

    @Test
    void queuesArePagedTheSameWay() {
        Exchange first = list("listQueues", "&pageSize=3", Map.of());
        @SuppressWarnings("unchecked")
        List<Queue> firstPage = first.getMessage().getBody(List.class);
        String token = first.getMessage().getHeader(GcpTasksConstants.NEXT_PAGE_TOKEN, String.class);
        assertThat(firstPage).hasSize(3);
        assertThat(token).isNotBlank();

        Exchange second = list("listQueues", "&pageSize=3", Map.of(GcpTasksConstants.PAGE_TOKEN, token));
        @SuppressWarnings("unchecked")
        List<Queue> secondPage = second.getMessage().getBody(List.class);
        assertThat(second.getMessage().getHeaders()).doesNotContainKey(GcpTasksConstants.NEXT_PAGE_TOKEN);
        List<String> names = new ArrayList<>();
        firstPage.forEach(queue -> names.add(queue.getName()));
        secondPage.forEach(queue -> names.add(queue.getName()));
        assertThat(names).containsExactlyInAnyOrder(QUEUES);
    }

    @Test
    void pageSizesBeyondCloudTasksLimitsAreRefusedBeforeAnyCall() {
        assertThat(list("listTasks", "&pageSize=1001", Map.of()).getException())
                .isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessage("pageSize 1001 is more than Cloud Tasks' limit of 1000 tasks per page");
        assertThat(list("listQueues", "", Map.of(GcpTasksConstants.PAGE_SIZE, 9801)).getException())
                .isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessage("CamelGcpTasksPageSize 9801 is more than Cloud Tasks' limit of 9800 queues per page");
        assertThat(list("listTasks", "&pageSize=-1", Map.of()).getException())
                .isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessageStartingWith("pageSize -1 is negative");
        assertThat(list("listTasks", "", Map.of(GcpTasksConstants.PAGE_SIZE, "ten")).getException())
                .isInstanceOf(GcpTasksInvalidInputException.class)
                .hasMessage("CamelGcpTasksPageSize 'ten' is not a whole number");
    }
}
