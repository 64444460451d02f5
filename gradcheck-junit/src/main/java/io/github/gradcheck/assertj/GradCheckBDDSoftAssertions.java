package io.github.gradcheck.assertj;

import io.github.gradcheck.report.GradientCheckReport;
import org.assertj.core.api.BDDSoftAssertions;

/**
 * {@link GradCheckSoftAssertions} in the BDD style: {@code softly.then(report).passes()}, an AssertJ
 * {@link BDDSoftAssertions} with one more {@code then}. Works with {@code SoftAssertionsExtension}
 * ({@code @InjectSoftAssertions GradCheckBDDSoftAssertions softly;}).
 */
public class GradCheckBDDSoftAssertions extends BDDSoftAssertions {

    /** Soft assertions with nothing collected yet; for {@code SoftAssertionsExtension} and plain use. */
    public GradCheckBDDSoftAssertions() {
    }

    /**
     * Soft assertions on {@code report}: a failure is collected, not thrown.
     *
     * @param report the report to check
     * @return the assertions
     */
    public GradientCheckReportAssert then(GradientCheckReport report) {
        return proxy(GradientCheckReportAssert.class, GradientCheckReport.class, report);
    }
}
