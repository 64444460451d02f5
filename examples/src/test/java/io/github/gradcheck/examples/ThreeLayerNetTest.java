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

    @GradientCheck(epsilon = 1e-7)
    void differenceIsTheAssignmentsRoundOffLevel(GradientCheckReport report) {
        // The assignment reports about 1.189e-7 for the fixed network: round-off at ε = 1e-7, which
        // depends on the order of summation, so agreement is to a few percent, not to the digit.
        assertThat(report.difference()).isCloseTo(1.189e-7, withinPercentage(5));
    }

    /**
     * The default relative steps (εᵢ ≈ 4.8e-6 · |θᵢ|) balance round-off against truncation and
     * take the same network's difference far below the course's fixed ε = 1e-7.
     */
    @GradientCheck
    void relativeStepsMeasureTheGradientMoreClosely(GradientCheckReport report) {
        assertThat(report.difference()).isLessThan(1e-8);
        assertThat(report.noise()).isBetween(1e-15, 1e-12);
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
        // Not every element matches with the least noise the loss can have (one rounding of J), so the check
        // gathers all its evidence: 2 at θ, 8 for the noise estimate, 2 per parameter, 5 per block for the Taylor test.
        assertThat(report.noiseEstimated()).isTrue();
        assertThat(report.lossEvaluations()).isEqualTo(2 + 8 + 2 * 47 + 5 * 6);
    }

    /** Without a report parameter, the invocation fails by itself if the check fails. */
    @GradientCheck
    void passesWithoutAnAssertion() {
    }
}
