package io.github.gradcheck.report.summary;

import io.github.gradcheck.internal.text.ReportText;
import java.util.ArrayList;
import java.util.List;

/**
 * The end-of-run summary as a few lines for the console: the totals, then one row per check, so
 * that a long build log still shows which models were checked and how they fared. The details
 * are in the HTML page and the JSON file it names.
 */
public final class SummaryConsole {

    /** Longest diagnosis shown in a row; the HTML page has it in full. */
    static final int DIAGNOSIS_WIDTH = 72;

    private SummaryConsole() {
    }

    /**
     * The console text of {@code summary}.
     *
     * @param summary the checks of a run
     * @param written where the HTML page and JSON file were written, one line each, or empty
     * @return lines without a trailing newline
     */
    public static String write(RunSummary summary, List<String> written) {
        StringBuilder out = new StringBuilder("gradcheck: ").append(summary.totals()).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"test", "model / state", "parameters", "difference", "verdict", "diagnosis"});
        for (CheckRecord check : summary.checks()) {
            boolean error = check.verdict() == CheckRecord.Verdict.ERROR;
            rows.add(new String[] {check.test(), check.invocation(), error ? "" : check.parametersChecked(),
                    error ? "" : ReportText.difference(check.difference()), SummaryJson.lower(check.verdict()),
                    shorten(error ? check.error() : check.shortDiagnosis())});
        }
        table(out, rows);
        for (String line : written) {
            out.append("  ").append(line).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static String shorten(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= DIAGNOSIS_WIDTH ? line : line.substring(0, DIAGNOSIS_WIDTH - 1) + "…";
    }

    private static void table(StringBuilder out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < row.length; c++) {
                line.append(row[c]).append(" ".repeat(widths[c] - row[c].length() + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
