package io.github.gradcheck.examples;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.junit.ModelUnderTest;
import io.github.gradcheck.report.GradientCheckReport;

/** The assignment's network with its backward pass fixed: the check passes. */
class ThreeLayerNetTest {

    @ModelUnderTest
    ThreeLayerNet net = ThreeLayerNet.assignmentTestCase();

    @GradientCheck
    void backpropagationMatchesNumericGradient(GradientCheckReport report) {
        assertThat(report).passes();
    }

    @GradientCheck
    void differenceIsTheAssignmentsRoundOffLevel(GradientCheckReport report) {
        // The assignment reports about 1.189e-7 for the fixed network: round-off at ε = 1e-7, which
        // depends on the order of summation, so agreement is to a few percent, not to the digit.
        assertThat(report.difference()).isCloseTo(1.189e-7, withinPercentage(5));
    }

    /** The checked model can be injected too; the check left its weights exactly as they were. */
    @GradientCheck
    void parametersAreUntouchedAfterTheCheck(GradientCheckReport report, ThreeLayerNet checked) {
        ThreeLayerNet fresh = ThreeLayerNet.assignmentTestCase();
        assertThat(checked).isSameAs(net);
        assertThat(checked.W1).isDeepEqualTo(fresh.W1);
        assertThat(checked.b1).isDeepEqualTo(fresh.b1);
        assertThat(checked.W2).isDeepEqualTo(fresh.W2);
        assertThat(checked.b3).isDeepEqualTo(fresh.b3);
        assertThat(report.lossEvaluations()).isEqualTo(2 * 47 + 1);
    }

    /** Without a report parameter, the invocation fails by itself if the check fails. */
    @GradientCheck
    void passesWithoutAnAssertion() {
    }
}
