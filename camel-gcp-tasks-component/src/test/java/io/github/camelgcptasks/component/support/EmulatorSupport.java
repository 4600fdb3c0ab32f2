package io.github.camelgcptasks.component.support;

import java.util.ArrayList;
import java.util.List;

import com.google.cloud.tasks.v2.CloudTasksClient;
import com.google.cloud.tasks.v2.GetTaskRequest;
import com.google.cloud.tasks.v2.ListTasksRequest;
import com.google.cloud.tasks.v2.Task;
import io.github.camelgcptasks.component.GcpTasksComponent;
import io.github.camelgcptasks.component.client.ClientSettingsKey;
import io.github.camelgcptasks.component.client.CloudTasksClientFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Helpers for tests against the emulator: a client of its own to read tasks back, and a Camel context whose
 * gcp-tasks component talks to the emulator.
 */
public final class EmulatorSupport {

    private EmulatorSupport() {
    }

    /** A plaintext client of the emulator, independent of any Camel context; close it after the test class. */
    public static CloudTasksClient client(String grpcEndpoint) {
        try {
            return CloudTasksClientFactory.create(new DefaultCamelContext(), new ClientSettingsKey(grpcEndpoint, false, null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A started context whose gcp-tasks component reaches the emulator. */
    public static CamelContext camelContext(String grpcEndpoint) {
        CamelContext context = new DefaultCamelContext();
        GcpTasksComponent component = context.getComponent("gcp-tasks", GcpTasksComponent.class);
        component.getConfiguration().setEndpoint(grpcEndpoint);
        component.getConfiguration().setAuthenticate(false);
        context.start();
        return context;
    }

    /** A task with its body and headers (the FULL view). */
    public static Task fullTask(CloudTasksClient client, String taskName) {
        return client.getTask(GetTaskRequest.newBuilder().setName(taskName).setResponseView(Task.View.FULL).build());
    }

    public static List<Task> tasks(CloudTasksClient client, String queue) {
        List<Task> tasks = new ArrayList<>();
        client.listTasks(ListTasksRequest.newBuilder().setParent(queue).build()).iterateAll().forEach(tasks::add);
        return tasks;
    }
}
