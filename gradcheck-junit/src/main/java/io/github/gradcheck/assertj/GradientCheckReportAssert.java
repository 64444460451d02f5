package io.github.gradcheck.assertj;

import io.github.gradcheck.report.GradientCheckReport;

/** Assertions on a {@link GradientCheckReport}; start from {@link GradCheckAssertions#assertThat}. */
public class GradientCheckReportAssert extends AbstractGradientCheckReportAssert<GradientCheckReportAssert> {

    /**
     * Assertions on {@code actual}; public so that AssertJ's soft-assertion proxies can make it.
     *
     * @param actual the report under test
     */
    public GradientCheckReportAssert(GradientCheckReport actual) {
        super(actual, GradientCheckReportAssert.class);
    }
}
