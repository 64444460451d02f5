package io.github.gradcheck.report.summary;

import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.internal.text.TextTable;
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
        TextTable table = new TextTable("test", "model / state", "parameters", "difference", "verdict", "diagnosis");
        for (CheckRecord check : summary.checks()) {
            boolean error = check.verdict() == CheckRecord.Verdict.ERROR;
            table.row(check.test(), check.invocation(), error ? "" : check.parametersChecked(),
                    error ? "" : Numbers.difference(check.difference()), SummaryJson.lower(check.verdict()),
                    shorten(error ? check.error() : check.shortFindings()));
        }
        table.appendTo(out, "  ");
        for (String line : written) {
            out.append("  ").append(line).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static String shorten(String text) {
        int end = 0;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        String line = text.substring(0, end);
        return line.length() <= DIAGNOSIS_WIDTH ? line : line.substring(0, DIAGNOSIS_WIDTH - 1) + "…";
    }
}
