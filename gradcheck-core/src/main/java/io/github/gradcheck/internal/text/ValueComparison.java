package io.github.gradcheck.internal.text;

import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.internal.format.Shapes;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The worst failing block's numeric and analytic values as two aligned texts, one line per
 * element ({@code W2[1,3]  0.915802}), for the "expected" and "actual" of an
 * {@code org.opentest4j.AssertionFailedError}: IntelliJ's and Eclipse's diff viewers then show the
 * block side by side and highlight exactly the elements that differ.
 *
 * <p>Values are written with 6 significant digits, as in the report's tables, so that elements
 * which agree within round-off read the same; a mismatching element among the report's worst
 * offenders gets as many digits as it takes to differ, so that every mismatch the report names is
 * highlighted. An element that a sampled or random-direction check did not look at reads
 * {@code (not checked)} on both sides. A block of more than {@value #MAX_LINES} elements is shown as its worst offenders
 * only, with a line saying how many elements were left out.
 *
 * @param block the block shown
 * @param expected the numeric gradient of the block, the check's reference
 * @param actual the analytic gradient of the block, the model's backpropagation
 */
public record ValueComparison(String block, String expected, String actual) {

    /** The most elements written out in full. */
    public static final int MAX_LINES = 1000;

    private static final int DIGITS = 6;

    /** What both sides show for an element the check did not look at. */
    static final String NOT_CHECKED = "(not checked)";

    /**
     * The comparison of the worst failing block of {@code report}: the failing block with the
     * largest difference.
     *
     * @param report a report
     * @return the comparison, or empty if no block fails
     */
    public static Optional<ValueComparison> of(GradientCheckReport report) {
        return report.blocks().stream().filter(block -> !block.passed())
                .max(Comparator.comparingDouble(BlockSummary::difference).thenComparing(block -> -block.offset()))
                .map(block -> of(report, block));
    }

    private static ValueComparison of(GradientCheckReport report, BlockSummary block) {
        double[] analytic = report.gradient();
        double[] numeric = report.numericGradient();
        TreeSet<Integer> mismatching = new TreeSet<>();
        for (Offender offender : report.worstOffenders()) {
            if (offender.block().equals(block.name()) && offender.failing()) {
                mismatching.add(offender.index() - block.offset());
            }
        }
        List<Integer> shown = new ArrayList<>();
        if (block.size() <= MAX_LINES) {
            for (int k = 0; k < block.size(); k++) {
                shown.add(k);
            }
        } else {
            shown.addAll(mismatching);
        }
        TextTable expected = new TextTable();
        TextTable actual = new TextTable();
        for (int k : shown) {
            String label = Shapes.label(block.name(), block.shape(), k);
            double e = numeric[block.offset() + k];
            double a = analytic[block.offset() + k];
            if (Double.isNaN(e) && !Double.isNaN(a)) {
                // Not looked at by a sampled or random-direction check: the same line on both sides, not a difference.
                expected.row(label, NOT_CHECKED);
                actual.row(label, NOT_CHECKED);
                continue;
            }
            int digits = DIGITS;
            if (mismatching.contains(k)) {
                while (digits < 17 && Numbers.significant(e, digits).equals(Numbers.significant(a, digits)) && e != a) {
                    digits++;
                }
            }
            expected.row(label, Numbers.significant(e, digits));
            actual.row(label, Numbers.significant(a, digits));
        }
        StringBuilder expectedText = new StringBuilder();
        StringBuilder actualText = new StringBuilder();
        expected.appendTo(expectedText, "");
        actual.appendTo(actualText, "");
        if (shown.size() < block.size()) {
            String rest = "… " + (block.size() - shown.size()) + " more elements of " + block.name()
                    + " not shown: only its mismatching worst offenders are\n";
            expectedText.append(rest);
            actualText.append(rest);
        }
        return new ValueComparison(block.name(), expectedText.toString().stripTrailing(),
                actualText.toString().stripTrailing());
    }
}
