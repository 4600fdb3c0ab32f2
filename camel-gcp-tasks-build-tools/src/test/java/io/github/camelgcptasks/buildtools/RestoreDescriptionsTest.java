package io.github.camelgcptasks.buildtools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.tooling.model.ComponentModel;
import org.apache.camel.tooling.model.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RestoreDescriptionsTest {

    /** A component JSON as camel-package-maven-plugin writes it for {@link SampleComponent}: '+', '*' and '?' dropped. */
    private static final String GENERATED = """
            {
              "component": { "kind": "component", "name": "sample", "title": "Sample", "description": "A sample.",
                "javaType": "io.github.camelgcptasks.buildtools.RestoreDescriptionsTest$SampleComponent",
                "scheme": "sample", "syntax": "sample:name" },
              "componentProperties": {
                "retries": { "index": 0, "kind": "property", "displayName": "Retries", "group": "common",
                  "type": "integer", "javaType": "int", "description": "Attempts 1 at most" }
              },
              "headers": {
                "SampleHeader": { "index": 0, "kind": "header", "displayName": "", "group": "common",
                  "javaType": "String", "description": "Copied from X-Sample- headers" }
              },
              "properties": {
                "name": { "index": 0, "kind": "path", "displayName": "Name", "group": "common", "type": "string",
                  "javaType": "java.lang.String", "description": "Which one" },
                "pattern": { "index": 1, "kind": "parameter", "displayName": "Pattern", "group": "common",
                  "type": "string", "javaType": "java.lang.String", "description": "A glob such as ab.txt" },
                "changed": { "index": 2, "kind": "parameter", "displayName": "Changed", "group": "common",
                  "type": "string", "javaType": "java.lang.String", "description": "An older text" }
              }
            }
            """;

    @Test
    void droppedCharactersComeBackAndOtherDifferencesAreReported(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("sample.json");
        Files.writeString(json, GENERATED);

        List<String> stale = RestoreDescriptions.restore(json, SampleEndpoint.class, getClass().getClassLoader());

        ComponentModel model = JsonMapper.generateComponentModel(Files.readString(json));
        assertThat(model.getComponentOptions().get(0).getDescription()).isEqualTo("Attempts + 1 at most");
        assertThat(model.getEndpointHeaders().get(0).getDescription()).isEqualTo("Copied from X-Sample-* headers");
        assertThat(model.getEndpointOptions()).extracting(o -> o.getName() + "=" + o.getDescription())
                .containsExactly("name=Which one?", "pattern=A glob such as *[ab].txt", "changed=An older text");
        assertThat(stale).containsExactly("endpoint option changed");
    }

    @Test
    void anUnchangedFileIsNotRewritten(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("sample.json");
        Files.writeString(json, GENERATED);
        RestoreDescriptions.restore(json, SampleEndpoint.class, getClass().getClassLoader());
        String once = Files.readString(json);
        long modified = Files.getLastModifiedTime(json).toMillis();

        RestoreDescriptions.restore(json, SampleEndpoint.class, getClass().getClassLoader());

        assertThat(Files.readString(json)).isEqualTo(once);
        assertThat(Files.getLastModifiedTime(json).toMillis()).isEqualTo(modified);
    }

    public static class SampleComponent {
        @Metadata(description = "Attempts + 1 at most")
        private int retries;
    }

    public static final class SampleHeaders {
        @Metadata(description = "Copied from X-Sample-* headers")
        public static final String SAMPLE_HEADER = "SampleHeader";
    }

    @UriEndpoint(scheme = "sample", title = "Sample", syntax = "sample:name", headersClass = SampleHeaders.class)
    public static class SampleEndpoint {
        @UriPath(description = "Which one?")
        private String name;
        @UriParam(description = "A glob such as *[ab].txt")
        private String pattern;
        @UriParam(description = "A newer text")
        private String changed;
    }
}
