package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GradientCheckerTest {

    private final GradientChecker checker = GradientChecker.defaults();

    @Nested
    class CorrectGradient {

        @Test
        void numericGradientAgreesWithTheClosedFormDerivatives() {
            SineModel model = SineModel.standard();
            GradientCheckReport report = checker.check(model);

            // Independent of the engine: d/dW (k W²/2) = k W and d/db sin b = cos b, written out by hand.
            double[] expected = {1.5, -3.75, 6, -2.25, 4.5, 0.75, Math.cos(0.3), Math.cos(-1.1), Math.cos(2.4)};
            double[] numeric = report.numericGradient();
            for (int i = 0; i < expected.length; i++) {
                assertThat(numeric[i]).as("numeric gradient at %d", i).isCloseTo(expected[i], within(1e-7));
            }
            assertThat(report.gradient()).containsExactly(expected);
            assertThat(report.passed()).isTrue();
            assertThat(report.difference()).isLessThan(1e-8);
            assertThat(report.mismatches()).isZero();
        }

        @Test
        void costsTwoLossEvaluationsPerParameterPlusAFixedOverhead() {
            SineModel model = SineModel.standard();
            GradientCheckReport report = checker.check(model);

            // 2 at θ (the second for determinism) and 2 per parameter: every element matched with the least
            // noise, so no noise estimate and no Taylor test. The gradient twice (determinism).
            assertThat(report.parameterCount()).isEqualTo(9);
            assertThat(report.lossEvaluations()).isEqualTo(2 + 2 * 9).isEqualTo(model.lossEvaluations);
            assertThat(report.gradientEvaluations()).isEqualTo(2).isEqualTo(model.gradientEvaluations);
        }

        @Test
        void elementsThatMismatchAreLookedAtAgainAtTwoMoreSteps() {
            SineModel model = SineModel.standard();
            model.bGradientFactor = 2;
            GradientCheckReport report = checker.check(model);

            assertThat(report.mismatches()).isEqualTo(3);
            // Mismatches bring the rest of the evidence: 2 at θ (determinism), 8 for the noise estimate, 5 per
            // block (Taylor test), and each mismatch is evaluated again at ± 2ε and at ± ε/1000: 4 more.
            assertThat(report.lossEvaluations()).isEqualTo(2 + 8 + 2 * 9 + 4 * 3 + 5 * 2).isEqualTo(model.lossEvaluations);
        }

        @Test
        void blocksAreSummarisedInLayoutOrderWithTheirShapes() {
            GradientCheckReport report = checker.check(SineModel.standard());

            assertThat(report.blocks()).extracting(b -> b.name() + " " + b.shapeText() + " @" + b.offset())
                    .containsExactly("W 2×3 @0", "b 3 @6");
            assertThat(report.blocks()).allSatisfy(b -> assertThat(b.passed()).isTrue());
        }
    }

    @Nested
    class WrongGradient {

        @Test
        void aFactorOfTwoInOneBlockFailsThatBlockOnly() {
            SineModel model = SineModel.standard();
            model.bGradientFactor = 2;
            GradientCheckReport report = checker.check(model);

            assertThat(report.passed()).isFalse();
            assertThat(report.block("b").passed()).isFalse();
            assertThat(report.block("b").difference()).isCloseTo(1.0 / 3, within(1e-6));
            assertThat(report.block("b").mismatches()).isEqualTo(3);
            assertThat(report.block("W").passed()).isTrue();
            assertThat(report.mismatches()).isEqualTo(3);
            assertThat(report.worstOffenders()).filteredOn(Offender::failing)
                    .extracting(Offender::parameter).containsExactlyInAnyOrder("b[0]", "b[1]", "b[2]");
            assertThat(report.worstOffenders()).filteredOn(Offender::failing)
                    .allSatisfy(o -> assertThat(o.relativeError()).isCloseTo(1.0 / 3, within(1e-6)));
        }

        @Test
        void aFlippedSignReadsAsRelativeErrorOne() {
            SineModel model = SineModel.standard();
            model.bGradientFactor = -1;
            GradientCheckReport report = checker.check(model);

            assertThat(report.worstOffenders().get(0).relativeError()).isCloseTo(1, within(1e-6));
            assertThat(report.block("b").difference()).isCloseTo(1, within(1e-6));
        }

        @Test
        void offendersWithEqualErrorsAreRankedByIndexAndLimitedToTheSetting() {
            // J(θ) = Σ cᵢθᵢ at θ = 0 with ε a power of two: the numeric gradient is exactly c, so an
            // analytic 2c gives every element the same relative error, exactly 1/3.
            double[] c = {1, 2, 3, 4, 5, 6};
            DifferentiableFunction linear = DifferentiableFunction.of(ParameterLayout.builder().vector("c", 6).build(),
                    theta -> dot(c, theta),
                    theta -> Arrays.stream(c).map(v -> 2 * v).toArray());
            GradientCheckReport report = checker.withEpsilon(0x1p-20).withOffenders(4).check(linear, new double[6]);

            assertThat(report.numericGradient()).containsExactly(c);
            assertThat(report.worstOffenders()).extracting(Offender::index).containsExactly(0, 1, 2, 3);
            assertThat(report.worstOffenders()).extracting(Offender::relativeError).containsOnly(1.0 / 3);
            assertThat(report.mismatches()).isEqualTo(6);
        }

        @Test
        void aTinyDerivativeMissingFromTheGradientIsAMismatchMeasuredAgainstTheFloor() {
            // Analytic 0, true derivative 3e-10, far above the round-off of a loss of order 1: a real
            // (if small) bug. Its relative error is measured against the floor, not as 100%.
            DifferentiableFunction f = DifferentiableFunction.of(ParameterLayout.builder().vector("x", 2).build(),
                    theta -> theta[0] * theta[0] + 3e-10 * theta[1],
                    theta -> new double[] {2 * theta[0], 0});
            GradientCheckReport report = checker.withEpsilon(1e-3).check(f, 1, 0);

            Offender offender = report.worstOffenders().stream().filter(o -> o.index() == 1).findFirst().orElseThrow();
            assertThat(offender.relativeError()).isCloseTo(3e-10 / GradientChecker.DEFAULT_RELATIVE_ERROR_FLOOR, within(1e-3));
            assertThat(offender.failing()).isTrue();
        }
    }

    @Nested
    class Settings {

        @ParameterizedTest
        @ValueSource(doubles = {0, -1e-7, Double.NaN, Double.POSITIVE_INFINITY})
        void epsilonMustBePositiveAndFinite(double epsilon) {
            assertThatThrownBy(() -> checker.withEpsilon(epsilon))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("epsilon must be a positive finite number, was " + epsilon);
        }

        @ParameterizedTest
        @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
        void thresholdAndFloorMustBePositiveAndFinite(double value) {
            assertThatThrownBy(() -> checker.withThreshold(value)).hasMessageStartingWith("threshold must be");
            assertThatThrownBy(() -> checker.withRelativeErrorFloor(value)).hasMessageStartingWith("relativeErrorFloor must be");
        }

        @ParameterizedTest
        @ValueSource(doubles = {0, -1e-10, Double.NaN, Double.POSITIVE_INFINITY})
        void theNondeterminismToleranceMustBePositiveAndFinite(double value) {
            assertThatThrownBy(() -> checker.withNondeterminismTolerance(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("nondeterminismTolerance must be a positive finite number, was " + value);
        }

        @Test
        void theNondeterminismToleranceDecidesWhetherAJitteryLossIsRefused() {
            // Every second evaluation is 2e-9 higher: about 1.5e-10 of J ≈ 13.1, over the default 1e-10.
            SineModel model = SineModel.standard();
            model.lossHook = n -> n % 2 == 0 ? 2e-9 : 0;
            SineModel replayed = SineModel.standard();
            replayed.lossHook = model.lossHook;
            double first = replayed.loss();
            double second = replayed.loss();

            assertThatThrownBy(() -> checker.check(model))
                    .isInstanceOf(GradientCheckException.class)
                    .hasMessage("the loss of SineModel is not deterministic: two evaluations at the same parameters gave "
                            + first + " and " + second + " (they differ by "
                            + String.format(Locale.ROOT, "%.2e", second - first) + ", over the nondeterminism tolerance of"
                            + " 1e-10 relatively). A gradient check compares losses a step apart, so every evaluation"
                            + " must see the same function: turn dropout off (keep-prob = 1), reset the random seed"
                            + " before every evaluation, and freeze batch statistics (evaluation mode).");

            GradientCheckReport report = checker.withNondeterminismTolerance(1e-9).check(model);
            assertThat(report.settings().nondeterminismTolerance()).isEqualTo(1e-9);
            assertThat(report.passed()).isTrue();
            assertThat(report.warnings()).contains("the loss differs by 2.0e-09 between two evaluations at the same"
                    + " point: round-off from an unordered sum, counted in the noise estimate");
        }

        @Test
        void offendersMustNotBeNegative() {
            assertThatThrownBy(() -> checker.withOffenders(-1)).hasMessage("offenders must be 0 or more, was -1");
        }

        @Test
        void theReportKeepsTheSettingsItRanWith() {
            GradientCheckReport report = checker.withEpsilon(1e-5).withThreshold(1e-4).withOffenders(2)
                    .check(SineModel.standard());

            assertThat(report.settings().step()).isEqualTo(StepSize.fixed(1e-5));
            assertThat(report.settings().threshold()).isEqualTo(1e-4);
            assertThat(report.worstOffenders()).hasSize(2);
        }

        @Test
        void theDefaultStepFollowsThePrecisionInAnyOrderAndAChosenStepStays() {
            StepSize floatDefault = StepSize.relative(Precision.FLOAT.defaultRelativeStep());
            assertThat(checker.withPrecision(Precision.FLOAT).settings().step()).isEqualTo(floatDefault);
            assertThat(checker.withRelativeStep(1e-3).withPrecision(Precision.FLOAT).settings().step())
                    .isEqualTo(StepSize.relative(1e-3));
            assertThat(checker.withPrecision(Precision.FLOAT).withRelativeStep(1e-3).settings().step())
                    .isEqualTo(StepSize.relative(1e-3));
            assertThat(checker.withEpsilon(1e-7).withPrecision(Precision.FLOAT).settings().step())
                    .isEqualTo(StepSize.fixed(1e-7));

            GradientChecker replayed = GradientChecker.with(checker.withPrecision(Precision.FLOAT).settings());
            assertThat(replayed.settings()).isEqualTo(checker.withPrecision(Precision.FLOAT).settings());
            assertThat(replayed.withPrecision(Precision.DOUBLE).settings()).isEqualTo(checker.settings());
        }

        @Test
        void toStringNamesEverySetting() {
            assertThat(checker.withThreads(4)).hasToString("GradientChecker[step=relative 4.81e-6, stencil=centered,"
                    + " precision=double, margin=10, threshold=1e-8, relativeErrorFloor=1e-8, nondeterminismTolerance=1e-10,"
                    + " offenders=10, seed=24301, mode=full, samplesPerBlock=16, probes=3, jacobianOutputs=16,"
                    + " threads=4, evaluationBudget=none, timeBudget=none]");
            assertThat(checker.withEpsilon(1e-7).withStencil(Stencil.FIVE_POINT).withMode(CheckMode.RANDOM_DIRECTIONS)
                    .withThreads(1).withEvaluationBudget(5000).withTimeBudget(Duration.ofSeconds(30)))
                    .hasToString("GradientChecker[step=fixed 1e-7, stencil=five-point, precision=double, margin=10,"
                            + " threshold=1e-8, relativeErrorFloor=1e-8, nondeterminismTolerance=1e-10, offenders=10,"
                            + " seed=24301, mode=random-directions,"
                            + " samplesPerBlock=16, probes=3, jacobianOutputs=16, threads=1, evaluationBudget=5000, timeBudget=30s]");
        }

        @Test
        void checkersAreImmutable() {
            GradientChecker looser = checker.withThreshold(1e-3);

            assertThat(checker.settings().threshold()).isEqualTo(GradientChecker.DEFAULT_THRESHOLD);
            assertThat(looser.settings().threshold()).isEqualTo(1e-3);
        }
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
