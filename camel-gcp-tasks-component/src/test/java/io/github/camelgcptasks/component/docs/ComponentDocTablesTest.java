package io.github.camelgcptasks.component.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComponentDocTablesTest {

    private static final String METADATA = """
            {
              "component": { "title": "Google Cloud Tasks", "syntax": "gcp-tasks:queue" },
              "componentProperties": {
                "projectId": { "kind": "property", "group": "common", "type": "string",
                               "javaType": "java.lang.String", "description": "The project | id." }
              },
              "properties": {
                "queue": { "kind": "path", "group": "common", "required": true, "type": "string",
                           "javaType": "java.lang.String", "description": "The queue." },
                "httpMethod": { "kind": "parameter", "group": "producer", "type": "enum", "javaType": "java.lang.String",
                                "enum": [ "POST", "PUT" ], "defaultValue": "POST", "description": "The method." },
                "scheduleDelay": { "kind": "parameter", "group": "producer", "type": "duration", "javaType": "long",
                                   "description": "Delay to /gcp-tasks/{queueId}." }
              },
              "headers": {
                "CamelGcpTasksTaskName": { "kind": "header", "group": "consumer", "label": "producer,consumer",
                                           "javaType": "String", "description": "The task name.",
                                           "constantName": "io.github.camelgcptasks.component.GcpTasksConstants#TASK_NAME" }
              }
            }
            """;

    private static final String PAGE = """
            = Title

            // component-options: START
            stale
            // component-options: END

            text between

            // endpoint-options: START
            // endpoint-options: END

            // message-headers: START
            // message-headers: END
            """;

    @Test
    void rewritesOnlyTheMarkedSections() throws Exception {
        String page = ComponentDocTables.update(PAGE, metadata());

        assertThat(page).startsWith("= Title\n\n// component-options: START\n").contains("\ntext between\n")
                .doesNotContain("stale");
        assertThat(page).contains("The Google Cloud Tasks component supports 1 options")
                .contains("| *projectId* (common) | The project \\| id. |  | String");
        assertThat(page).contains("=== Path Parameters (1 parameters)")
                .contains("| *queue* (common) | *Required* The queue. |  | String")
                .contains("=== Query Parameters (2 parameters)")
                .contains("| *httpMethod* (producer) | The method. Values: `POST`, `PUT`. | `POST` | String")
                .contains("Delay to /gcp-tasks/\\{queueId}. |  | duration");
        assertThat(page).contains("| *CamelGcpTasksTaskName* (producer, consumer) | The task name."
                                  + " Constant: `GcpTasksConstants.TASK_NAME`. |  | String");
    }

    @Test
    void isStableWhenRunTwice() throws Exception {
        String once = ComponentDocTables.update(PAGE, metadata());
        assertThat(ComponentDocTables.update(once, metadata())).isEqualTo(once);
    }

    @Test
    void refusesAPageWithoutMarkers() {
        assertThatThrownBy(() -> ComponentDocTables.update("= Title\n", metadata()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("// component-options: START");
    }

    private static JsonNode metadata() throws Exception {
        return new ObjectMapper().readTree(METADATA);
    }
}
