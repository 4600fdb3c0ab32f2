package io.github.camelgcptasks.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs the whole harness in smoke mode so it cannot rot unnoticed. It checks that every measure produced a number,
 * never how big the number is: timings on a shared CI machine are not a pass/fail signal.
 */
class BenchmarkSmokeTest {

    @Test
    void everyMeasureProducesANumber() {
        ResultTable table = BenchmarkRun.run(RunSettings.smokeRun());
        String markdown = table.toMarkdown();
        // in the test report, so a CI log shows what the harness saw
        System.out.println(markdown);

        assertThat(table.rows()).hasSize(27);
        assertThat(table.rows()).allSatisfy(row -> {
            assertThat(row.measured()).as("%s measured; note: %s", row.measure(), row.note()).isTrue();
            assertThat(row.value()).as(row.measure()).isFinite();
            assertThat(markdown).contains("| " + row.measure() + " | ");
        });
        assertThat(table.rows()).filteredOn(row -> !"none".equals(row.baselineName()) && !Double.isNaN(row.baseline()))
                .allSatisfy(row -> assertThat(row.ratio()).as(row.measure()).isFinite());
    }
}
