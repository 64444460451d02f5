package io.github.gradcheck.assertj;

import io.github.gradcheck.report.GradientCheckReport;

/**
 * Entry point for assertions on gradient-check reports, in AssertJ's style.
 *
 * <pre>{@code
 * import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
 *
 * assertThat(report).passes();
 * assertThat(report).block("W2").passes();
 * assertThat(buggyReport).fails().hasFailingBlocks("b1", "W2");
 * }</pre>
 *
 * <p>Failure messages show the difference in the course's words, the block table and the worst
 * offending parameters, so that a failure can be acted on without a debugger.
 */
public final class GradCheckAssertions {

    private GradCheckAssertions() {
    }

    /** Assertions on {@code report}. */
    public static GradientCheckReportAssert assertThat(GradientCheckReport report) {
        return new GradientCheckReportAssert(report);
    }
}
