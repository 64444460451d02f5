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
 * The cheap modes against a full check on {@link ModesSuite}'s models and bugs: each must find every
 * bug the full check finds, pass every model it passes, and cost on average at most 15 % of its loss
 * evaluations. The table (verdicts and counts, the same on every machine) is printed and written to
 * {@code target/modes-suite.md}, where the README's numbers come from.
 */
class CheapModesSuiteTest {

    private static final double AVERAGE_COST = 0.15;


    @Test
    void theCheapModesFindEveryBugTheFullCheckFindsAtAFractionOfItsCost() throws IOException {
        List<ModesSuite.Row> rows = ModesSuite.run(ModesSuite.cases());
        StringBuilder table = new StringBuilder("| model | gradient | full | evaluations | sampled | evaluations | random directions"
                + " | evaluations |\n|---|---|---|---:|---|---:|---|---:|\n");
        double sampledCost = 0;
        double directionsCost = 0;
        for (ModesSuite.Row row : rows) {
            table.append("| ").append(row.c().model()).append(" | ").append(row.c().bug())
                    .append(" | ").append(row.full().passed() ? "passes" : "fails").append(" | ").append(row.full().lossEvaluations())
                    .append(cells(row.sampled(), row.full())).append(cells(row.directions(), row.full())).append(" |\n");
            sampledCost += cost(row.sampled(), row.full()) / rows.size();
            directionsCost += cost(row.directions(), row.full()) / rows.size();
        }
        table.append(String.format(Locale.ROOT, "%naverage cost relative to a full check: sampled %.1f %%, random directions %.1f %%%n",
                100 * sampledCost, 100 * directionsCost));
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "modes-suite.md"), table);

        for (ModesSuite.Row row : rows) {
            assertThat(row.sampled()).as("sampled mode on %s", row.c())
                    .allSatisfy(report -> assertThat(report.passed()).isEqualTo(row.full().passed()));
            assertThat(row.directions()).as("random directions on %s", row.c())
                    .allSatisfy(report -> assertThat(report.passed()).isEqualTo(row.full().passed()));
        }
        assertThat(sampledCost).isLessThanOrEqualTo(AVERAGE_COST);
        assertThat(directionsCost).isLessThanOrEqualTo(AVERAGE_COST);
    }

    /** In how many seeds the mode found the bug (or passed a right gradient), how many passed with a warning, the mean evaluations. */
    private static String cells(List<GradientCheckReport> reports, GradientCheckReport full) {
        long agreeing = reports.stream().filter(r -> r.passed() == full.passed()).count();
        long warned = reports.stream().filter(r -> r.passed() && !r.warnings().isEmpty()).count();
        String verdict = (full.passed() ? "passes " : "found ") + agreeing + "/" + reports.size()
                + (warned > 0 ? ", " + warned + " passed with a warning" : "");
        return " | " + verdict + " | " + String.format(Locale.ROOT, "%.0f (%.1f %%)", mean(reports), 100 * cost(reports, full));
    }

    private static double mean(List<GradientCheckReport> reports) {
        return reports.stream().mapToLong(GradientCheckReport::lossEvaluations).average().orElse(0);
    }

    private static double cost(List<GradientCheckReport> reports, GradientCheckReport full) {
        return mean(reports) / full.lossEvaluations();
    }
}
