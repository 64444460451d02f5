package io.github.gradcheck.examples;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.junit.ModelUnderTest;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.LayerResult;
import org.junit.jupiter.api.Test;

/**
 * The Hessian-vector product of logistic regression, as a Newton-CG solver uses it, checked
 * against differences of its gradient: the whole Hessian for a small model, seeded random
 * vectors v for a larger one, and a forgotten σ(1 − σ) caught.
 */
class HessianVectorProductTest {

    @ModelUnderTest
    NewtonLogisticRegression regression = NewtonLogisticRegression.of(200, 8, 0.1, 42);

    @ModelUnderTest
    NewtonLogisticRegression withoutSigmoidDerivative = NewtonLogisticRegression.withoutSigmoidDerivative(200, 8, 0.1, 42);

    /** In a JUnit test: the gradient is checked first, then H·v; the invocation fails by itself if either is wrong. */
    @GradientCheck(model = "regression", secondOrder = true)
    void theHessianVectorProductMatchesTheDifferencesOfTheGradient() {
    }

    @GradientCheck(model = "withoutSigmoidDerivative", secondOrder = true)
    void aForgottenSigmoidDerivativeFailsTheSecondOrderCheck(GradientCheckReport report) {
        assertThat(report).fails().hasFailingBlocks("w", "b");
        assertThat(report.secondOrder().orElseThrow().compared()).isTrue();     // the gradient itself is right
    }

    @Test
    void theWholeHessianOfASmallModelIsChecked() {
        GradientCheckReport report = GradientChecker.defaults().checkSecondOrder(NewtonLogisticRegression.of(200, 8, 0.1, 42));

        assertThat(report).passes();
        LayerResult hessian = report.layer().orElseThrow();
        assertThat(hessian.wholeJacobian()).isTrue();      // 9 parameters ≤ 16: every column of H
        assertThat(hessian.probes()).isEqualTo(9);
        assertThat(report.secondOrder().orElseThrow().gradientCheck()).passes();   // the gradient, checked first
    }

    @Test
    void aLargerModelIsCheckedAlongRandomVectors() {
        GradientCheckReport report = GradientChecker.defaults().checkSecondOrder(NewtonLogisticRegression.of(200, 40, 0.1, 7));

        assertThat(report).passes();
        LayerResult hessian = report.layer().orElseThrow();
        assertThat(hessian.wholeJacobian()).isFalse();
        assertThat(hessian.probes()).isEqualTo(GradientChecker.DEFAULT_PROBES);
        // Gradient calls: 2 for determinism, one per side of each of the 41 parameters, shared by the
        // three vectors v, and for each v 1 at θ, or the check's fixed 2 + 8 + 5 per block where its
        // elements did not all match with the least noise.
        assertThat(hessian.forwardCalls()).isEqualTo(2 + 2 * 41 + 6 + hessian.probesWithNoiseEstimate() * (8 + 5 * 2));
        assertThat(hessian.backwardCalls()).isEqualTo(2 * 3 + 1);
    }

    @Test
    void aForgottenSigmoidDerivativeFailsInBothBlocks() {
        GradientCheckReport report = GradientChecker.defaults()
                .checkSecondOrder(NewtonLogisticRegression.withoutSigmoidDerivative(200, 8, 0.1, 42));

        assertThat(report).fails().hasFailingBlocks("w", "b");
        assertThat(report.secondOrder().orElseThrow().compared()).isTrue();
    }
}
