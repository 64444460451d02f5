package io.github.gradcheck.report.summary;

import io.github.gradcheck.report.GradientCheckReport;

/** The sample reports for tests in other packages. */
public final class SampleReportsAccess {

    private SampleReportsAccess() {
    }

    /** See {@link SampleReports#sampled()}. */
    public static GradientCheckReport sampled() {
        return SampleReports.sampled();
    }
}
