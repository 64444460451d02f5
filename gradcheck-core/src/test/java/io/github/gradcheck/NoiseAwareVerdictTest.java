package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gradcheck.report.ElementVerdict;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The verdict measures its own numerical error, so scale alone never fails a correct gradient. */
class NoiseAwareVerdictTest {

    private final GradientChecker checker = GradientChecker.defaults();

    /**
     * Softplus regression J = s · Σⱼ log(1 + exp(Σᵢ θᵢ xⱼᵢ)) with gradient s · Σⱼ σ(zⱼ) xⱼ: smooth,
     * nonlinear, and scalable in its loss (s), its parameters (θ's size) and its gradient.
     */
    static DifferentiableFunction softplus(double lossScale, double[][] x, double gradientFactor) {
        ParameterLayout layout = ParameterLayout.builder().vector("theta", x[0].length).build();
        return DifferentiableFunction.of(layout, theta -> {
            double sum = 0;
            for (double[] row : x) {
                double z = GradientCheckerTest.dot(theta, row);
                sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            }
            return lossScale * sum;
        }, theta -> {
            double[] g = new double[theta.length];
            for (double[] row : x) {
                double p = 1 / (1 + Math.exp(-GradientCheckerTest.dot(theta, row)));
                for (int i = 0; i < g.length; i++) {
                    g[i] += lossScale * p * row[i];
                }
            }
            g[0] *= gradientFactor;
            return g;
        });
    }

    static double[][] data(long seed, int rows, int cols, double scale) {
        Random random = new Random(seed);
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int i = 0; i < cols; i++) {
                row[i] = scale * random.nextGaussian();
            }
        }
        return x;
    }

    static double[] point(long seed, int n, double scale) {
        Random random = new Random(seed + 1000);
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = scale * random.nextGaussian();
        }
        return theta;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aLossSummedToAMillionPasses(long seed) {
        // 2000 examples with loss scale 1000: J ≈ 1e6, and its round-off is about 1e-10.
        GradientCheckReport report = checker.check(softplus(1000, data(seed, 2000, 6, 1), 1), point(seed, 6, 1));

        assertThat(report.loss()).isGreaterThan(1e5);
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void parametersOfAMillionthPass(long seed) {
        GradientCheckReport report = checker.check(softplus(1, data(seed, 50, 6, 1), 1), point(seed, 6, 1e-6));

        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void gradientsOfATenBillionthPass(long seed) {
        GradientCheckReport report = checker.check(softplus(1e-10, data(seed, 50, 6, 1), 1), point(seed, 6, 1));

        assertThat(Arrays.stream(report.gradient()).map(Math::abs).max().orElseThrow()).isLessThan(1e-8);
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aOnePercentErrorIsCaughtAtEveryScale(long seed) {
        for (double lossScale : new double[] {1e-10, 1, 1000}) {
            GradientCheckReport report = checker.check(softplus(lossScale, data(seed, 200, 6, 1), 1.01), point(seed, 6, 1));

            assertThat(report.passed()).as("loss scale %s", lossScale).isFalse();
            assertThat(report.worstOffenders().get(0).parameter()).isEqualTo("theta[0]");
        }
    }

    @Test
    void theCoursesFixedEpsilonStillPassesTheSeedLikeNoise() {
        GradientCheckReport report = checker.withEpsilon(1e-7).check(softplus(1, data(7, 50, 6, 1), 1), point(7, 6, 1));

        assertThat(report.passed()).isTrue();
        assertThat(report.settings().step().relative()).isFalse();
    }

    @Test
    void aKinkIsNotAMismatchWhenTheAnalyticValueIsAOneSidedSlope() {
        // J = |θ₀| + θ₁² at θ₀ = 0: the analytic subgradient 1 is the right-hand slope.
        DifferentiableFunction abs = DifferentiableFunction.of(ParameterLayout.builder().vector("x", 2).build(),
                t -> Math.abs(t[0]) + t[1] * t[1], t -> new double[] {t[0] >= 0 ? 1 : -1, 2 * t[1]});

        GradientCheckReport report = checker.check(abs, 0, 0.5);

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.kinks()).isEqualTo(1);
        assertThat(report.worstOffenders().get(0).verdict()).isEqualTo(ElementVerdict.KINK);
    }

    @Test
    void aValueOutsideTheOneSidedSlopesAtAKinkIsStillAMismatch() {
        DifferentiableFunction abs = DifferentiableFunction.of(ParameterLayout.builder().vector("x", 2).build(),
                t -> Math.abs(t[0]) + t[1] * t[1], t -> new double[] {3, 2 * t[1]});

        GradientCheckReport report = checker.check(abs, 0, 0.5);

        assertThat(report.passed()).isFalse();
        assertThat(report.worstOffenders().get(0)).extracting(Offender::parameter, Offender::verdict)
                .containsExactly("x[0]", ElementVerdict.MISMATCH);
    }

    @Test
    void aKinkBetweenAThousandthOfTheStepAndTheStepDoesNotHideAWrongGradient() {
        // J = |θ₀ − 1e-6| + θ₁²: at θ₀ = 0 the kink is 1e-6 away, inside the step (4.8e-6) but far
        // outside a thousandth of it, where the derivative, −1, can be measured.
        java.util.function.Function<Double, DifferentiableFunction> withSlope = slope -> DifferentiableFunction.of(
                ParameterLayout.builder().vector("x", 2).build(),
                t -> Math.abs(t[0] - 1e-6) + t[1] * t[1], t -> new double[] {slope, 2 * t[1]});

        GradientCheckReport right = checker.check(withSlope.apply(-1.0), 0, 0.5);
        GradientCheckReport wrong = checker.check(withSlope.apply(-0.5), 0, 0.5);

        assertThat(right.passed()).as(right.toString()).isTrue();
        assertThat(wrong.passed()).as(wrong.toString()).isFalse();
        assertThat(wrong.worstOffenders().get(0)).extracting(Offender::parameter, Offender::verdict)
                .containsExactly("x[0]", ElementVerdict.MISMATCH);
    }

    @Test
    void theFivePointStencilPassesACorrectModelAndCatchesAWrongOne() {
        GradientChecker fivePoint = checker.withStencil(Stencil.FIVE_POINT);

        GradientCheckReport correct = fivePoint.check(softplus(1, data(3, 50, 6, 1), 1), point(3, 6, 1));
        GradientCheckReport wrong = fivePoint.check(softplus(1, data(3, 50, 6, 1), 1.01), point(3, 6, 1));

        assertThat(correct.passed()).as(correct.toString()).isTrue();
        // 2 at θ, 8 for noise, 4 per parameter, 5 for the one block's Taylor test.
        assertThat(correct.lossEvaluations()).isEqualTo(2 + 8 + 4 * 6 + 5);
        assertThat(wrong.passed()).isFalse();
    }

    @Test
    void aModelComputingInFloatPassesWithFloatPrecisionAndIsStillCaught() {
        double[][] x = data(5, 50, 6, 1);
        DifferentiableFunction exact = softplus(1, x, 1);
        DifferentiableFunction inFloat = DifferentiableFunction.of(exact.layout(),
                t -> (float) exact.loss(toFloat(t)), t -> exact.gradient(toFloat(t)));
        DifferentiableFunction inFloatWrong = DifferentiableFunction.of(exact.layout(),
                t -> (float) exact.loss(toFloat(t)), t -> {
                    double[] g = exact.gradient(toFloat(t));
                    g[2] *= 1.2;
                    return g;
                });
        GradientChecker forFloat = checker.withPrecision(Precision.FLOAT);

        GradientCheckReport passes = forFloat.check(inFloat, point(5, 6, 1));
        GradientCheckReport fails = forFloat.check(inFloatWrong, point(5, 6, 1));

        assertThat(passes.passed()).as(passes.toString()).isTrue();
        assertThat(passes.settings().step().value()).isCloseTo(Math.cbrt(0x1p-24), within(1e-12));
        assertThat(fails.passed()).isFalse();
        assertThat(fails.worstOffenders().get(0).parameter()).isEqualTo("theta[2]");
    }

    private static double[] toFloat(double[] theta) {
        double[] rounded = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            rounded[i] = (float) theta[i];
        }
        return rounded;
    }

    @Test
    void aLossThatChangesBetweenIdenticalEvaluationsStopsTheCheckWithWhatToDo() {
        Random dropout = new Random(3);
        SineModel model = SineModel.standard();
        long[] before = model.bits();
        // Dropout over 20 hidden units with keep-prob 0.5: each evaluation sees another mask.
        model.lossHook = n -> {
            double kept = 0;
            for (int unit = 0; unit < 20; unit++) {
                kept += dropout.nextBoolean() ? 0.01 * (unit + 1) : 0;
            }
            return kept;
        };

        assertThatThrownBy(() -> checker.check(model))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageStartingWith("the loss of SineModel is not deterministic: two evaluations at the same parameters gave")
                .hasMessageContaining("turn dropout off (keep-prob = 1)")
                .hasMessageContaining("freeze batch statistics");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void aGradientThatChangesBetweenIdenticalEvaluationsStopsTheCheck() {
        SineModel model = SineModel.standard();
        DifferentiableModel flaky = new DifferentiableModel() {
            private int calls;

            @Override
            public ParameterArrays parameters() {
                return model.parameters();
            }

            @Override
            public double loss() {
                return model.loss();
            }

            @Override
            public ParameterArrays gradient() {
                model.bGradientFactor = ++calls == 1 ? 1 : 0.5;
                return model.gradient();
            }

            @Override
            public String name() {
                return "Flaky";
            }
        };

        assertThatThrownBy(() -> checker.check(flaky))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageStartingWith("the analytic gradient of Flaky is not deterministic: two evaluations at the"
                        + " same parameters differ most at b[0]");
    }

    @Test
    void theTaylorTestSeesOrderTwoWhereTheGradientIsRightAndOneWhereItIsWrong() {
        SineModel model = SineModel.standard();
        model.bGradientFactor = 1.5;

        GradientCheckReport report = checker.check(model);

        assertThat(report.block("W").taylor().order()).isCloseTo(2, within(0.2));
        assertThat(report.block("b").taylor().order()).isCloseTo(1, within(0.2));
        assertThat(report.block("b").taylor().contradicts()).isTrue();
    }
}
