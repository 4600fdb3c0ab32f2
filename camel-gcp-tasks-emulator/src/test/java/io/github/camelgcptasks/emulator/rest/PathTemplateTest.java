package io.github.camelgcptasks.emulator.rest;

import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PathTemplateTest {

    @Test
    void bindsVariablesToTheirFields() {
        PathTemplate template = PathTemplate.parse("/v2/{parent=projects/*/locations/*}/queues");

        assertThat(template.match("/v2/projects/p/locations/l/queues"))
                .isEqualTo(Map.of("parent", "projects/p/locations/l"));
        assertThat(template.match("/v2/projects/p/locations/l/queues/q")).isNull();
        assertThat(template.match("/v2/projects/p/queues")).isNull();
    }

    @Test
    void customVerbIsPartOfTheLastSegment() {
        PathTemplate purge = PathTemplate.parse("/v2/{name=projects/*/locations/*/queues/*}:purge");
        PathTemplate get = PathTemplate.parse("/v2/{name=projects/*/locations/*/queues/*}");

        assertThat(purge.match("/v2/projects/p/locations/l/queues/q:purge"))
                .isEqualTo(Map.of("name", "projects/p/locations/l/queues/q"));
        assertThat(purge.match("/v2/projects/p/locations/l/queues/q")).isNull();
        assertThat(get.match("/v2/projects/p/locations/l/queues/q:purge")).isNull();
        assertThat(get.match("/v2/projects/p/locations/l/queues/q")).containsEntry("name",
                "projects/p/locations/l/queues/q");
    }

    @Test
    void nestedFieldsAndDomainScopedProjects() {
        PathTemplate patch = PathTemplate.parse("/v2/{queue.name=projects/*/locations/*/queues/*}");

        assertThat(patch.match("/v2/projects/example.com:p/locations/l/queues/q"))
                .isEqualTo(Map.of("queue.name", "projects/example.com:p/locations/l/queues/q"));
    }

    @Test
    void percentEncodingIsDecodedButPlusStaysAPlus() {
        PathTemplate template = PathTemplate.parse("/v2/{name=projects/*}/locations");

        assertThat(template.match("/v2/projects/a%3Ab+c/locations")).isEqualTo(Map.of("name", "projects/a:b+c"));
    }

    @Test
    void doubleWildcardSpansSegments() {
        PathTemplate template = PathTemplate.parse("/v1/{name=operations/**}");

        assertThat(template.match("/v1/operations/a/b/c")).isEqualTo(Map.of("name", "operations/a/b/c"));
    }
}
