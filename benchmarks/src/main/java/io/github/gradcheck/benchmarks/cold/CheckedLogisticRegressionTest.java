package io.github.gradcheck.benchmarks.cold;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.junit.ModelUnderTest;
import io.github.gradcheck.report.GradientCheckReport;

/** One {@code @GradientCheck} of logistic regression (N = 21), written as the README's quick start writes it. */
public class CheckedLogisticRegressionTest {

    @ModelUnderTest
    DifferentiableModel regression = ColdModel.model();

    @GradientCheck
    void gradientMatches(GradientCheckReport report) {
        assertThat(report).passes();
    }
}
