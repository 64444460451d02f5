package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.ElementVerdict;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Parallel, sampled and random-direction checks, and the budget that chooses between them. */
class CheckModesTest {

    /**
     * J(θ) = Σ aᵢθᵢ²/2 + Σ sin(θᵢ) over blocks W (rows × cols) and b (rows), with the gradient
     * {@code mutate}d from the true aᵢθᵢ + cos θᵢ.
     */
    static DifferentiableFunction separable(int rows, int cols, UnaryOperator<double[]> mutate) {
        ParameterLayout layout = ParameterLayout.builder().matrix("W", rows, cols).vector("b", rows).build();
        int n = layout.size();
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 1 + (i % 7) * 0.25;
        }
        return DifferentiableFunction.of(layout, theta -> {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += a[i] * theta[i] * theta[i] / 2 + Math.sin(theta[i]);
            }
            return sum;
        }, theta -> {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = a[i] * theta[i] + Math.cos(theta[i]);
            }
            return mutate.apply(g);
        });
    }

    static double[] point(int n) {
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = Math.sin(0.7 * i) * 1.5;
        }
        return theta;
    }

    static UnaryOperator<double[]> doubled(int index) {
        return g -> {
            double[] copy = g.clone();
            copy[index] *= 2;
            return copy;
        };
    }

    @Test
    void resultsAreBitIdenticalWhateverTheNumberOfThreads() {
        // 2 µs a loss: 840 elements take 3.4 ms, enough to be checked on threads.
        DifferentiableFunction f = SlowLoss.of(separable(40, 20, doubled(123)), 2_000);
        double[] theta = point(840);

        GradientCheckReport serial = GradientChecker.defaults().withThreads(1).check(f, theta);
        GradientCheckReport two = GradientChecker.defaults().withThreads(2).check(f, theta);
        GradientCheckReport five = GradientChecker.defaults().withThreads(5).check(f, theta);

        for (GradientCheckReport parallel : new GradientCheckReport[] {two, five}) {
            assertThat(bits(parallel.numericGradient())).containsExactly(bits(serial.numericGradient()));
            assertThat(parallel.worstOffenders()).isEqualTo(serial.worstOffenders());
            assertThat(parallel.lossEvaluations()).isEqualTo(serial.lossEvaluations());
            assertThat(parallel.noise()).isEqualTo(serial.noise());
        }
        assertThat(serial.worstOffenders().get(0)).extracting(Offender::index, Offender::verdict)
                .containsExactly(123, ElementVerdict.MISMATCH);
    }

    @Test
    void aCopyableModelIsCheckedOnCopiesAndTheSameAsSerially() {
        // 9 elements are too few to be worth a second thread: no copy is made.
        CopyableSine small = new CopyableSine(SineModel.standard());
        GradientChecker.defaults().withThreads(2).check(small);
        assertThat(small.copies).isZero();

        BigCopyable big = new BigCopyable(200);
        GradientCheckReport bigSerial = GradientChecker.defaults().withThreads(1).check(new BigCopyable(200));
        GradientCheckReport bigParallel = GradientChecker.defaults().withThreads(3).check(big);
        assertThat(big.copies).isEqualTo(2);
        assertThat(bits(bigParallel.numericGradient())).containsExactly(bits(bigSerial.numericGradient()));
        assertThat(bigParallel.lossEvaluations()).isEqualTo(bigSerial.lossEvaluations());
        assertThat(big.values).containsExactly(new BigCopyable(200).values);
    }

    @Test
    void aRenamedCopyableModelIsStillCheckedOnCopiesUnderItsName() {
        BigCopyable big = new BigCopyable(200);
        GradientCheckReport renamed = GradientChecker.defaults().withThreads(3).check(big.named("big net"));
        assertThat(big.copies).isEqualTo(2);
        assertThat(renamed.modelName()).isEqualTo("big net");
        assertThat(big.named("big net").copy().name()).isEqualTo("big net");

        BigCopyable[] made = new BigCopyable[1];
        GradientCheckReport state = GradientChecker.defaults().withThreads(3)
                .check(ModelStates.of("at init", () -> made[0] = new BigCopyable(200))).get(0);
        assertThat(made[0].copies).isEqualTo(2);
        assertThat(state.modelName()).isEqualTo("BigCopyable @ at init");
    }

    @Test
    void aCopyThatSharesItsArraysIsRefused() {
        BigCopyable sharing = new BigCopyable(200) {
            @Override
            public DifferentiableModel copy() {
                return this.shallow();
            }
        };

        assertThatThrownBy(() -> GradientChecker.defaults().withThreads(2).check(sharing))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("model.copy() shares its parameter arrays with the model; a copy needs arrays of its own (clone them)");
    }

    @Test
    void theSampleHasAtLeastKElementsOfEveryBlockIncludingTheLargestGradientsAndIsSeeded() {
        // b[0]'s gradient is made the largest of b by far, and wrong: the sample must include it.
        DifferentiableFunction f = separable(30, 30, g -> {
            double[] copy = g.clone();
            copy[900] = 1000;
            return copy;
        });
        GradientChecker sampled = GradientChecker.defaults().withMode(CheckMode.SAMPLED).withSamplesPerBlock(8);

        GradientCheckReport report = sampled.check(f, point(930));

        assertThat(report.mode()).isEqualTo(CheckMode.SAMPLED);
        assertThat(report.checkedElements()).isEqualTo(16);
        assertThat(report.blocks()).allSatisfy(block -> assertThat(
                block.size() - countNotChecked(report, block.offset(), block.offset() + block.size())).isEqualTo(8));
        assertThat(report.passed()).isFalse();
        assertThat(report.worstOffenders().get(0).parameter()).isEqualTo("b[0]");
        assertThat(report.toString()).contains("sampled mode, 8 elements per block (seed " + GradientChecker.DEFAULT_SEED + ")");
        GradientCheckReport again = sampled.check(f, point(930));
        GradientCheckReport otherSeed = sampled.withSeed(7).check(f, point(930));
        assertThat(notChecked(again)).isEqualTo(notChecked(report));
        assertThat(notChecked(otherSeed)).isNotEqualTo(notChecked(report));
    }

    @Test
    void randomDirectionsFindOneWrongElementAmongAMillionInUnder200Evaluations() {
        int wrong = 654_321;
        DifferentiableFunction f = separable(1000, 999, doubled(wrong));

        GradientCheckReport report = GradientChecker.defaults().withMode(CheckMode.RANDOM_DIRECTIONS).check(f, point(1_000_000));

        assertThat(report.parameterCount()).isEqualTo(1_000_000);
        assertThat(report.passed()).isFalse();
        assertThat(report.mismatches()).isEqualTo(1);
        assertThat(report.worstOffenders().get(0).index()).isEqualTo(wrong);
        assertThat(report.worstOffenders().get(0).parameter()).isEqualTo("W[654,975]");
        assertThat(report.lossEvaluations()).isLessThanOrEqualTo(200);
        // At the least, 2 at θ and 2 per element (every element matching with the least noise).
        assertThat(report.fullCheckEvaluations()).isEqualTo(2 + 2 * 1_000_000);
        assertThat(report.toString()).contains("random-direction mode (seed " + GradientChecker.DEFAULT_SEED + ")");
    }

    @Test
    void randomDirectionsPassACorrectModelCheaply() {
        GradientCheckReport report = GradientChecker.defaults().withMode(CheckMode.RANDOM_DIRECTIONS)
                .check(separable(100, 100, g -> g), point(10_100));

        assertThat(report.passed()).isTrue();
        assertThat(report.checkedElements()).isZero();
        // 2 at θ, 8 for noise, 2 per block along one direction, 5 per block for the Taylor test.
        assertThat(report.lossEvaluations()).isEqualTo(2 + 8 + 2 * 2 + 5 * 2);
    }

    /**
     * Softmax cross-entropy of logits z = bias + x over one example, with the bias's gradient
     * multiplied by {@code factor}: the bias's true gradient sums to zero, so a direction that adds the
     * same amount to every bias element sees no error, whatever the factor.
     */
    static DifferentiableFunction softmaxBias(int classes, double factor) {
        ParameterLayout layout = ParameterLayout.builder().vector("x", 20).vector("bias", classes).build();
        return DifferentiableFunction.of(layout, theta -> {
            double[] z = logits(theta, classes);
            double sum = 0;
            for (double v : z) {
                sum += Math.exp(v);
            }
            return Math.log(sum) - z[0];
        }, theta -> {
            double[] z = logits(theta, classes);
            double sum = 0;
            for (double v : z) {
                sum += Math.exp(v);
            }
            double[] g = new double[theta.length];
            for (int c = 0; c < classes; c++) {
                double dz = Math.exp(z[c]) / sum - (c == 0 ? 1 : 0);
                g[20 + c] = factor * dz;
                for (int i = c; i < 20; i += classes) {
                    g[i] += dz;
                }
            }
            return g;
        });
    }

    /** A point with every |θᵢ| below 1, where relative steps are absolute: a direction's signs are its components. */
    static double[] small(int n) {
        double[] theta = point(n);
        for (int i = 0; i < n; i++) {
            theta[i] /= 2;
        }
        return theta;
    }

    /** z_c = bias_c + the sum of the x_i with i ≡ c (mod classes). */
    private static double[] logits(double[] theta, int classes) {
        double[] z = new double[classes];
        for (int c = 0; c < classes; c++) {
            z[c] = theta[20 + c];
            for (int i = c; i < 20; i += classes) {
                z[c] += theta[i];
            }
        }
        return z;
    }

    @Test
    void noSeedHidesAWrongSoftmaxBiasInTheNullSpaceOfAShiftOfAllLogits() {
        // Random signs over 5 elements are all alike for 1 seed in 16: with plain signs 8 of these 64 seeds
        // passed, and the Taylor test read "flat" for 5.
        DifferentiableFunction f = softmaxBias(5, 32);
        for (long seed = 0; seed < 64; seed++) {
            GradientCheckReport report = GradientChecker.defaults().withSeed(seed).withMode(CheckMode.RANDOM_DIRECTIONS)
                    .check(f, small(25));
            assertThat(report.passed()).as("seed %d", seed).isFalse();
            assertThat(report.block("bias").mismatches()).as("seed %d", seed).isPositive();
            assertThat(report.block("bias").taylor().describe()).as("seed %d", seed).isNotEqualTo("flat");
        }
    }

    @Test
    void aBlockOfAHandfulOfElementsIsCheckedElementByElementInRandomDirectionMode() {
        // Along one direction of plain signs, 5 of these 16 seeds passed.
        for (long seed = 0; seed < 16; seed++) {
            GradientCheckReport report = GradientChecker.defaults().withSeed(seed).withMode(CheckMode.RANDOM_DIRECTIONS)
                    .check(softmaxBias(3, -1), small(23));
            assertThat(report.passed()).as("seed %d", seed).isFalse();
            assertThat(report.block("bias").mismatches()).as("seed %d", seed).isEqualTo(3);
            assertThat(report.warnings()).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void sampledModeFindsAWrongElementItDidNotSampleAlongADirectionOverTheRest() {
        // Without the direction, 7 of these 8 seeds passed.
        int wrong = 517;
        for (long seed = 0; seed < 8; seed++) {
            GradientCheckReport report = GradientChecker.defaults().withSeed(seed).withMode(CheckMode.SAMPLED)
                    .check(separable(40, 20, doubled(wrong)), point(840));
            assertThat(report.passed()).as("seed %d", seed).isFalse();
            assertThat(report.worstOffenders().get(0).index()).as("seed %d", seed).isEqualTo(wrong);
            assertThat(report.worstOffenders().get(0).relativeError()).isCloseTo(1 / 3.0, within(1e-6));
            assertThat(report.lossEvaluations()).as("seed %d", seed).isLessThan(report.fullCheckEvaluations() / 5);
        }
    }

    @Test
    void aBlockWhoseCheckedElementsAllReadTheSameFactorSaysSoInEitherCheapMode() {
        DifferentiableFunction f = separable(40, 20, g -> {
            double[] copy = g.clone();
            for (int i = 0; i < 800; i++) {
                copy[i] *= 2;
            }
            return copy;
        });
        for (CheckMode mode : new CheckMode[] {CheckMode.SAMPLED, CheckMode.RANDOM_DIRECTIONS}) {
            GradientCheckReport report = GradientChecker.defaults().withMode(mode).check(f, point(840));
            Diagnosis diagnosis = report.block("W").diagnosis();
            assertThat(diagnosis.kind()).as("%s", mode).isEqualTo(Diagnosis.Kind.SCALED);
            assertThat(diagnosis.factor()).as("%s", mode).isCloseTo(2, within(1e-6));
            assertThat(diagnosis.checkedElements()).as("%s", mode).isBetween(3, 799);
            assertThat(report.toString()).as("%s", mode).contains("analytic W ≈ 2.00 × numeric on the "
                    + diagnosis.checkedElements() + " of 800 elements checked");
        }
    }

    @Test
    void aTaylorTestThatCrossesKinksTheStepDoesNotReachIsLookedIntoAndExplainedNotFailed() {
        // J = Σ |xᵢ| with every xᵢ within 3e-4 of its kink: the element steps (≈ 4.8e-6) stay on one side,
        // the Taylor test's (6e-4 to 1e-2) cross them all, so its remainder grows as h, not h².
        ParameterLayout layout = ParameterLayout.builder().vector("x", 40).build();
        DifferentiableFunction f = DifferentiableFunction.of(layout, theta -> Arrays.stream(theta).map(Math::abs).sum(),
                theta -> Arrays.stream(theta).map(Math::signum).toArray());
        double[] theta = new double[40];
        Arrays.setAll(theta, i -> (i % 2 == 0 ? 1 : -1) * 1e-4 * (1 + i % 3));

        GradientCheckReport directions = GradientChecker.defaults().withMode(CheckMode.RANDOM_DIRECTIONS).check(f, theta);

        assertThat(directions.block("x").taylor().contradicts()).isTrue();
        assertThat(directions.passed()).isTrue();
        assertThat(directions.warnings()).singleElement().asString().startsWith("the Taylor test questions x: along a random"
                + " direction its remainder falls as h^").contains("but a centred difference along the same direction at the"
                + " check's step agrees with the gradient within 10 × its noise: a kink within the test's steps");
        // 2 at θ, 8 for noise, 2 along the block's direction, 5 for the Taylor test, 2 along its direction again.
        assertThat(directions.lossEvaluations()).isEqualTo(2 + 8 + 2 + 5 + 2);
    }

    @Test
    void aFullCheckOverTheEvaluationBudgetFallsBackToRandomDirectionsAndSaysSo() {
        GradientCheckReport report = GradientChecker.defaults().withEvaluationBudget(1000)
                .check(separable(30, 30, doubled(17)), point(930));

        assertThat(report.settings().mode()).isEqualTo(CheckMode.FULL);
        assertThat(report.mode()).isEqualTo(CheckMode.RANDOM_DIRECTIONS);
        assertThat(report.warnings()).contains("a full check would take " + (2 + 8 + 2 * 930 + 5 * 2) + " loss evaluations, over the budget of 1000:"
                + " checked along random directions instead");
        assertThat(report.worstOffenders().get(0).index()).isEqualTo(17);
    }

    @Test
    void aFullCheckOverTheTimeBudgetFallsBackToRandomDirections() {
        GradientCheckReport report = GradientChecker.defaults().withTimeBudget(Duration.ofNanos(1))
                .check(separable(30, 30, g -> g), point(930));

        assertThat(report.mode()).isEqualTo(CheckMode.RANDOM_DIRECTIONS);
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).startsWith("a full check would take about")
                .endsWith("over the budget of 0.0 s: checked along random directions instead"));
    }

    @Test
    void withinTheBudgetTheCheckIsFull() {
        GradientCheckReport report = GradientChecker.defaults().withEvaluationBudget(10_000).withTimeBudget(Duration.ofHours(1))
                .check(separable(30, 30, g -> g), point(930));

        assertThat(report.mode()).isEqualTo(CheckMode.FULL);
        assertThat(report.checkedElements()).isEqualTo(930);
    }

    static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    private static int countNotChecked(GradientCheckReport report, int from, int to) {
        double[] numeric = report.numericGradient();
        int count = 0;
        for (int i = from; i < to; i++) {
            count += Double.isNaN(numeric[i]) ? 1 : 0;
        }
        return count;
    }

    private static boolean[] notChecked(GradientCheckReport report) {
        double[] numeric = report.numericGradient();
        boolean[] result = new boolean[numeric.length];
        for (int i = 0; i < numeric.length; i++) {
            result[i] = Double.isNaN(numeric[i]);
        }
        return result;
    }

    /** A SineModel that can be copied. */
    static final class CopyableSine implements CopyableModel {
        private final SineModel model;
        int copies;

        CopyableSine(SineModel model) {
            this.model = model;
        }

        @Override
        public DifferentiableModel copy() {
            copies++;
            double[][] w = {model.w[0].clone(), model.w[1].clone()};
            return new SineModel(w, model.b.clone(), 3);
        }

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
            return model.gradient();
        }
    }

    /**
     * J = Σ sin(xᵢ)·(i + 1) over one vector block, keeping its values in its own array; each loss takes
     * at least 10 µs, so that a check of 200 elements (4 ms) is worth threads.
     */
    static class BigCopyable implements CopyableModel {
        final double[] values;
        int copies;

        BigCopyable(int n) {
            values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = Math.cos(1.3 * i);
            }
        }

        private BigCopyable(double[] values) {
            this.values = values;
        }

        BigCopyable shallow() {
            return new BigCopyable(values);
        }

        @Override
        public DifferentiableModel copy() {
            copies++;
            return new BigCopyable(values.clone());
        }

        @Override
        public ParameterArrays parameters() {
            return ParameterArrays.builder().add("x", values).build();
        }

        @Override
        public double loss() {
            SlowLoss.take(10_000);
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += Math.sin(values[i]) * (i + 1);
            }
            return sum;
        }

        @Override
        public ParameterArrays gradient() {
            double[] g = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                g[i] = Math.cos(values[i]) * (i + 1);
            }
            return ParameterArrays.builder().add("x", g).build();
        }
    }
}
