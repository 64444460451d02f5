package io.github.gradcheck.assertj;

import io.github.gradcheck.report.GradientCheckReport;

/**
 * The BDD-style entry point, as AssertJ's {@code BDDAssertions}: {@code then(report).passes()}
 * reads as the "then" of a given/when/then test.
 *
 * <pre>{@code
 * import static io.github.gradcheck.assertj.GradCheckBDDAssertions.then;
 *
 * // given a network with a planted bug, when it is checked
 * GradientCheckReport report = GradientChecker.defaults().check(buggyNet);
 * then(report).fails().hasFailingBlocks("b1", "W2");
 * }</pre>
 */
public final class GradCheckBDDAssertions {

    private GradCheckBDDAssertions() {
    }

    /**
     * Assertions on {@code report}; the same as {@link GradCheckAssertions#assertThat(GradientCheckReport)}.
     *
     * @param report the report to check
     * @return the assertions
     */
    public static GradientCheckReportAssert then(GradientCheckReport report) {
        return GradCheckAssertions.assertThat(report);
    }
}
