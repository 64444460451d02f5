package io.github.gradcheck.examples;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.junit.ModelUnderTest;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.GradientCheckReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logistic regression with the course's L2 term, at random initial points: a correct gradient
 * passes, and the course's "remember regularization" bug is caught in the weights only.
 */
class LogisticRegressionTest {

    @ModelUnderTest("regularized")
    static DifferentiableModel regularized() {
        return LogisticRegression.syntheticProblem(200, 8, 0.1, 42);
    }

    @ModelUnderTest("regularization forgotten in the gradient")
    static DifferentiableModel forgotten() {
        return LogisticRegression.syntheticProblemWithoutRegularizationInGradient(200, 8, 5.0, 42);
    }

    @GradientCheck(model = "regularized")
    void gradientMatches(GradientCheckReport report) {
        assertThat(report).passes();
    }

    @GradientCheck(model = "regularization forgotten in the gradient")
    void forgottenRegularizationIsCaughtInTheWeightsOnly(GradientCheckReport report) {
        assertThat(report).fails().hasFailingBlocks("w");
        assertThat(report).block("b").passes();
        // The missing term is (λ/m)·w with λ = 5 and m = 200: numeric − analytic = 0.025·w.
        Diagnosis diagnosis = report.block("w").diagnosis();
        assertThat(diagnosis.kind()).isEqualTo(Diagnosis.Kind.REGULARIZATION);
        assertThat(diagnosis.lambda()).isCloseTo(-5.0 / 200, within(1e-6));
        assertThat(report.toString()).contains("w: analytic w lacks an L2 term: numeric − analytic ≈ 0.0250·w");
    }

    /** The same check without the extension, over several random problems and starting points. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void passesAtRandomPoints(long seed) {
        assertThat(GradientChecker.defaults().check(LogisticRegression.syntheticProblem(100, 5, 0.5, seed))).passes();
    }
}
