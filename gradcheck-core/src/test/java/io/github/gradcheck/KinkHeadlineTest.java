package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.report.GradientCheckReport;
import java.util.Locale;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * End to end: a correct ReLU network whose course difference is large only because of elements at
 * kinks passes, and its headline says where the difference comes from instead of calling it a bug.
 */
class KinkHeadlineTest {

    /** W1[0,0], W1[0,1], W1[1,0], W1[1,1], b1[0], b1[1]: the elements that move a pre-activation sitting at 0. */
    private static final Set<Integer> AT_KINKS = Set.of(0, 1, 2, 3, 6, 7);

    @Test
    void aPassingCheckWhoseDifferenceComesFromKinksSaysSo() {
        GradientCheckReport report = GradientChecker.defaults().check(new KinkedReluNet());

        assertThat(report.passed()).isTrue();
        assertThat(report.kinks()).isEqualTo(AT_KINKS.size());
        assertThat(report.unreliable()).isZero();
        assertThat(report.difference()).as("the course would read a bug").isGreaterThanOrEqualTo(1e-3);
        // The difference without the kinks, recomputed here from the report's two gradients.
        double[] g = report.gradient();
        double[] n = report.numericGradient();
        double squaredError = 0;
        double squaredG = 0;
        double squaredN = 0;
        for (int i = 0; i < g.length; i++) {
            if (!AT_KINKS.contains(i)) {
                squaredError += (g[i] - n[i]) * (g[i] - n[i]);
                squaredG += g[i] * g[i];
                squaredN += n[i] * n[i];
            }
        }
        double withoutKinks = Math.sqrt(squaredError) / (Math.sqrt(squaredG) + Math.sqrt(squaredN));
        assertThat(report.differenceOfMatches()).isCloseTo(withoutKinks, Offset.offset(1e-15))
                .isLessThan(1e-6);

        assertThat(report.toString().lines().limit(3).toList()).containsExactly(
                "KinkedReluNet: PASSED",
                "  every element matches within 10× their estimated numerical error, 6 at a kink of the loss",
                String.format(Locale.ROOT, "  difference %.3e comes from the 6 elements at kinks of the loss:"
                        + " without them %.3e, great (course scale: ≲ 1e-7 great · ~1e-5 look closer · ≳ 1e-3 almost surely a bug)",
                        report.difference(), withoutKinks));
        assertThat(report.toString().lines().filter(line -> line.startsWith("  b1 ") || line.startsWith("  W1 ")))
                .as("the rows of the blocks that hold the kinks").hasSize(2).allMatch(row -> row.contains(" great without kinks "));
    }
}
