package io.github.gradcheck.assertj;

import io.github.gradcheck.report.GradientCheckReport;
import org.assertj.core.api.InstanceOfAssertFactory;

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
 * offending parameters, so that a failure can be acted on without a debugger. For collected
 * failures use {@link GradCheckSoftAssertions}; for the BDD style, {@link GradCheckBDDAssertions}.
 */
public final class GradCheckAssertions {

    /**
     * For AssertJ's navigation to a report held as an {@code Object}: {@code
     * assertThat(results).extractingByKey("net", GRADIENT_CHECK_REPORT).passes()}, or {@code
     * assertThat(object).asInstanceOf(GRADIENT_CHECK_REPORT).fails()}.
     */
    public static final InstanceOfAssertFactory<GradientCheckReport, GradientCheckReportAssert> GRADIENT_CHECK_REPORT =
            new InstanceOfAssertFactory<>(GradientCheckReport.class, GradCheckAssertions::assertThat);

    private GradCheckAssertions() {
    }

    /**
     * Assertions on {@code report}.
     *
     * @param report the report to check
     * @return the assertions
     */
    public static GradientCheckReportAssert assertThat(GradientCheckReport report) {
        return new GradientCheckReportAssert(report);
    }
}
