package io.github.gradcheck.modes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.report.GradientCheckReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The cheap modes against a full check on {@link LargeBlocksSuite}'s models, whose large blocks get
 * bounded Taylor and noise directions in the cheap modes: each mode must pass every model the full
 * check passes and fail every bug it fails, with every seed. The table (verdicts and counts, the same
 * on every machine) is printed and written to {@code target/large-blocks-suite.md}.
 */
class LargeBlocksSuiteTest {


    @Test
    void theCheapModesAgreeWithTheFullCheckOnLargeBlocks() throws IOException {
        List<ModesSuite.Row> rows = ModesSuite.run(LargeBlocksSuite.cases());
        StringBuilder table = new StringBuilder("| model | gradient | full | evaluations | sampled | evaluations | Taylor"
                + " contradicts | random directions | evaluations | Taylor contradicts |\n|---|---|---|---:|---|---:|---:|---|---:|---:|\n");
        for (ModesSuite.Row row : rows) {
            table.append("| ").append(row.c().model()).append(" | ").append(row.c().bug())
                    .append(" | ").append(row.full().passed() ? "passes" : "fails").append(" | ").append(row.full().lossEvaluations())
                    .append(cells(row.sampled(), row.full())).append(cells(row.directions(), row.full())).append(" |\n");
        }
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "large-blocks-suite.md"), table);

        for (ModesSuite.Row row : rows) {
            assertThat(row.full().passed()).as("the full check on %s", row.c()).isEqualTo(row.c().bug().equals("correct"));
            assertThat(row.sampled()).as("sampled mode on %s", row.c())
                    .allSatisfy(report -> assertThat(report.passed()).isEqualTo(row.full().passed()));
            assertThat(row.directions()).as("random directions on %s", row.c())
                    .allSatisfy(report -> assertThat(report.passed()).isEqualTo(row.full().passed()));
        }
    }

    /** In how many seeds the mode agreed with the full check, how many passed with a warning, the mean evaluations. */
    private static String cells(List<GradientCheckReport> reports, GradientCheckReport full) {
        long agreeing = reports.stream().filter(r -> r.passed() == full.passed()).count();
        long warned = reports.stream().filter(r -> r.passed() && !r.warnings().isEmpty()).count();
        double mean = reports.stream().mapToLong(GradientCheckReport::lossEvaluations).average().orElse(0);
        String verdict = (full.passed() ? "passes " : "found ") + agreeing + "/" + reports.size()
                + (warned > 0 ? ", " + warned + " passed with a warning" : "");
        // The Taylor test of the model's first block (its largest), which a partial check bounds.
        long contradicts = reports.stream().filter(r -> r.blocks().get(0).taylor().contradicts()).count();
        return " | " + verdict + " | " + String.format(Locale.ROOT, "%.0f (%.1f %%)", mean, 100 * mean / full.lossEvaluations())
                + " | " + contradicts + "/" + reports.size();
    }
}
