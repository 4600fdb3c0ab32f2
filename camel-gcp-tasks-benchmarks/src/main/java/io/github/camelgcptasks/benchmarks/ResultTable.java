package io.github.camelgcptasks.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The one table a run prints: every measure beside its same-run baseline, ratio, goal and verdict. */
public final class ResultTable {

    private final List<Row> rows = new ArrayList<>();

    public void add(Row row) {
        rows.add(row);
    }

    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** GitHub-flavoured Markdown, so the same text goes into docs/benchmarks.md unchanged. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("| measure | value | baseline (same run) | ratio | goal | verdict |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.measure())
                    .append(" | ").append(row.valueCell())
                    .append(" | ").append(row.baselineCell())
                    .append(" | ").append(row.ratioCell())
                    .append(" | ").append(row.goal().text())
                    .append(" | ").append(row.verdict())
                    .append(" |\n");
        }
        List<Row> noted = rows.stream().filter(r -> r.note() != null && !r.note().isEmpty()).toList();
        if (!noted.isEmpty()) {
            out.append('\n');
            for (Row row : noted) {
                out.append("- ").append(row.measure()).append(": ").append(row.note()).append('\n');
            }
        }
        return out.toString();
    }
}
