package io.github.gradcheck.examples;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.junit.ModelUnderTest;
import io.github.gradcheck.report.GradientCheckReport;

/** The assignment's one-dimensional check, J(θ) = θx at x = 2, θ = 4. */
class OneDimensionalLinearTest {

    /** What the assignment's notebook prints for this case. */
    static final double PUBLISHED_DIFFERENCE = 2.919335883291695e-10;

    @ModelUnderTest
    DifferentiableModel j = OneDimensionalLinear.assignmentTestCase();

    @GradientCheck
    void derivativeIsX(GradientCheckReport report) {
        assertThat(report).passes();
        assertThat(report.gradient()).containsExactly(2.0);
        assertThat(report.numericGradient()[0]).isCloseTo(2.0, within(1e-8));
    }

    /** With the course's ε = 1e-7, the difference is the one the assignment prints. */
    @GradientCheck(epsilon = 1e-7)
    void differenceIsTheAssignments(GradientCheckReport report) {
        assertThat(report.difference()).isCloseTo(PUBLISHED_DIFFERENCE, within(PUBLISHED_DIFFERENCE * 1e-8));
    }
}
