package io.github.gradcheck.assertj;

import io.github.gradcheck.report.GradientCheckReport;

/** Assertions on a {@link GradientCheckReport}; start from {@link GradCheckAssertions#assertThat}. */
public class GradientCheckReportAssert extends AbstractGradientCheckReportAssert<GradientCheckReportAssert> {

    public GradientCheckReportAssert(GradientCheckReport actual) {
        super(actual, GradientCheckReportAssert.class);
    }
}
