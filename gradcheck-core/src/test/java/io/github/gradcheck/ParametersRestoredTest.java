package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.report.GradientCheckReport;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A check leaves every parameter bit for bit as it found it, on every path: success, a failed
 * check, a model that throws, a NaN, a gradient that does not fit, a model that changes its own
 * parameters. The values include -0.0 and a subnormal, which a restore by arithmetic would lose.
 *
 * <p>Loss evaluations are numbered from 1: evaluations 1 and 2 are the unperturbed point (twice,
 * to see that the loss is deterministic), 3 to 10 the noise estimate, then element e (in θ's
 * order: W row by row, then b) is evaluated at + ε as 11 + 2e and at − ε as 12 + 2e. The checks
 * here use the course's fixed ε = 1e-7 so that messages name it.
 */
class ParametersRestoredTest {

    private static final GradientChecker CHECKER = GradientChecker.defaults().withEpsilon(1e-7);

    private SineModel model;
    private long[] before;

    @BeforeEach
    void model() {
        model = new SineModel(new double[][] {{0.1, -0.0, 2}, {Double.MIN_VALUE, 1.5, 1e-300}},
                new double[] {-0.0, 0.7, Math.PI}, 3);
        before = model.bits();
    }

    @Test
    void afterAPassingCheck() {
        assertThat(CHECKER.check(model).passed()).isTrue();
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void afterAFailingCheck() {
        model.bGradientFactor = 4;
        assertThat(CHECKER.check(model).passed()).isFalse();
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheLossThrowsAtAPerturbedPoint() {
        IllegalStateException boom = new IllegalStateException("boom");
        model.lossHook = n -> {
            if (n == 4 + 2 * 2) {   // W[0,2] − ε, after the two losses at θ
                throw boom;
            }
            return 0;
        };

        assertThatThrownBy(() -> CHECKER.check(model))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("SineModel.loss() threw java.lang.IllegalStateException (boom) at W[0,2] − ε"
                        + " (flat index 2, ε = 1e-7). The parameters have been restored.")
                .hasCause(boom);
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheLossIsNaNAtAPerturbedPoint() {
        model.lossHook = n -> n == 3 + 2 * 6 ? Double.NaN : 0;   // b[0] + ε, after the two losses at θ

        assertThatThrownBy(() -> CHECKER.check(model))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageStartingWith("the loss of SineModel is NaN at b[0] + ε (flat index 6, ε = 1e-7)")
                .hasMessageEndingWith("The parameters have been restored.");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheLossIsInfiniteAtTheUnperturbedPoint() {
        model.lossHook = n -> n == 1 ? Double.POSITIVE_INFINITY : 0;

        assertThatThrownBy(() -> CHECKER.check(model))
                .hasMessageStartingWith("the loss of SineModel is Infinity at the unperturbed parameters");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheGradientThrows() {
        model.gradientFailure = new ArithmeticException("/ by zero");

        assertThatThrownBy(() -> CHECKER.check(model))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("SineModel.gradient() threw java.lang.ArithmeticException (/ by zero)."
                        + " The parameters have been restored.")
                .cause().isSameAs(model.gradientFailure);
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheGradientHasANaN() {
        model.bGradientFactor = Double.NaN;

        assertThatThrownBy(() -> CHECKER.check(model))
                .hasMessage("the analytic gradient of SineModel is NaN at b[0] (flat index 6); backpropagation"
                        + " produced a non-finite value. The parameters have been restored.");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheModelChangesItsOwnParameters() {
        model.lossHook = n -> {
            if (n == 2 + 2 * 4) {   // while W[1,1] is perturbed, overwrite W[0,0], already checked
                model.w[0][0] = 99;
            }
            return 0;
        };

        assertThatThrownBy(() -> CHECKER.check(model))
                .hasMessage("SineModel changed its own parameter W[0,0] (flat index 0) from 0.1 to 99.0 while the"
                        + " check ran; loss() and gradient() must not modify the parameters."
                        + " All parameters have been restored.");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void aGradientThatAddsIntoABufferItNeverZeroesIsNamed() {
        // The message shows the element whose gradient grows most: the largest, W[0,2], ∂J/∂W = k·W = 3·2.
        AccumulatingGradient accumulating = new AccumulatingGradient(model, true);

        assertThatThrownBy(() -> CHECKER.check(accumulating))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("the analytic gradient of AccumulatingGradient is not deterministic: the gradient grows"
                        + " between calls (×2.00 on the second): a gradient buffer is not zeroed. Three evaluations at"
                        + " the same parameters gave W[0,2] = 6.0, 12.0 and 18.0; set the gradient arrays"
                        + " to zero at the start of gradient() (or assign, not add, into them).");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void aGradientBufferNotZeroedInOneBlockNamesThatBlock() {
        // In b alone the largest gradient is b[0]'s, cos(−0) = 1.
        AccumulatingGradient accumulating = new AccumulatingGradient(model, false);

        assertThatThrownBy(() -> CHECKER.check(accumulating))
                .hasMessageStartingWith("the analytic gradient of AccumulatingGradient is not deterministic: the"
                        + " gradient grows between calls (×2.00 on the second, in b): a gradient buffer is not zeroed."
                        + " Three evaluations at the same parameters gave b[0] = 1.0, 2.0 and 3.0;");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void aGradientBufferThatHeldAResidueIsNamedThoughItsNormShrinks() {
        // b's buffer starts at −5·∇b: the calls return −4, −3 and −2 times it, one increment each, a smaller norm each time.
        AccumulatingGradient accumulating = new AccumulatingGradient(model, false, -5);

        assertThatThrownBy(() -> CHECKER.check(accumulating))
                .hasMessageStartingWith("the analytic gradient of AccumulatingGradient is not deterministic: the"
                        + " gradient grows between calls (by the same increment on each, in b): a gradient buffer is not"
                        + " zeroed. Three evaluations at the same parameters gave b[0] = -4.0, -3.0 and -2.0;");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void aGradientThatTakesAnSgdStepIsNamed() {
        SgdStepInGradient stepping = new SgdStepInGradient(model);

        assertThatThrownBy(() -> CHECKER.check(stepping))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("SgdStepInGradient.gradient() changed parameter W[0,0] (flat index 0) from 0.1 to "
                        + (0.1 - 0.5 * (3 * 0.1)) + " when called at the unperturbed parameters; loss() and gradient()"
                        + " must leave the parameters as they find them: an optimizer step, weight decay or clipping"
                        + " belongs outside them. All parameters have been restored.");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void aLossThatDecaysItsWeightsIsNamed() {
        WeightDecayInLoss decaying = new WeightDecayInLoss(model);

        assertThatThrownBy(() -> CHECKER.check(decaying))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("WeightDecayInLoss.loss() changed parameter W[0,0] (flat index 0) from 0.1 to "
                        + 0.1 * 0.999 + " when called at the unperturbed parameters; loss() and gradient()"
                        + " must leave the parameters as they find them: an optimizer step, weight decay or clipping"
                        + " belongs outside them. All parameters have been restored.");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void aLossWhoseNextCallUndoesItsChangeIsNamedNotTakenForRandomness() {
        // Each call flips the sign of b[1] after computing: the second J(θ) puts it back, so that θ
        // compared only after both would look untouched and the two losses would differ.
        SignFlippingLoss flipping = new SignFlippingLoss(model);

        assertThatThrownBy(() -> CHECKER.check(flipping))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageStartingWith("SignFlippingLoss.loss() changed parameter b[1] (flat index 7) from 0.7 to -0.7"
                        + " when called at the unperturbed parameters;");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void aLossThatClipsAParameterOnItsBoundIsNamedNotTakenForAKink() {
        // b[2] = π sits on a lower bound; loss() clips it back whenever the check moves it below.
        // (The noise estimate's random direction moves b[2] up, so the element's own − ε sees it.)
        ClippingLoss clipping = new ClippingLoss(model, 2, Math.PI);
        clipping.lower = true;

        assertThatThrownBy(() -> CHECKER.check(clipping))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("ClippingLoss.loss() changed parameter b[2] (flat index 8) from " + (Math.PI - 1e-7)
                        + " to " + Math.PI + " when called at b[2] − ε (flat index 8, ε = 1e-7); loss() and gradient()"
                        + " must leave the parameters as they find them: an optimizer step, weight decay or clipping"
                        + " belongs outside them. All parameters have been restored.");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void aLossThatClipsWhileEveryParameterMovesIsNamedToo() {
        // b[2] = π on an upper bound: the noise estimate's first step, θ + δ·d with δ = 1e4·u·max(|θᵢ|, 1)
        // along random signs, moves every parameter at once and b[2] up, and the clip is seen there. The
        // five-point stencil measures the noise before any element (the centered one looks at the elements first).
        ClippingLoss clipping = new ClippingLoss(model, 2, Math.PI);

        assertThatThrownBy(() -> CHECKER.withStencil(Stencil.FIVE_POINT).check(clipping))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("ClippingLoss.loss() changed parameter b[2] (flat index 8) from "
                        + (Math.PI + Math.PI * (1e4 * Precision.DOUBLE.unitRoundoff())) + " to " + Math.PI
                        + " when called at θ + 1·δ·d, a tiny step along a random direction d (noise estimate);"
                        + " loss() and gradient() must leave the parameters as they find them: an optimizer step,"
                        + " weight decay or clipping belongs outside them. All parameters have been restored.");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void aLossThatClipsIsNamedAtTheElementItClipsWhenTheElementsComeFirst() {
        // The same clip with the centered stencil: the first looks come before the noise estimate, and b[2] + ε is clipped.
        ClippingLoss clipping = new ClippingLoss(model, 2, Math.PI);

        assertThatThrownBy(() -> CHECKER.check(clipping))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("ClippingLoss.loss() changed parameter b[2] (flat index 8) from " + (Math.PI + 1e-7) + " to "
                        + Math.PI + " when called at b[2] + ε (flat index 8, ε = 1e-7); loss() and gradient() must leave the"
                        + " parameters as they find them: an optimizer step, weight decay or clipping belongs outside them."
                        + " All parameters have been restored.");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void aFunctionThatClipsIsNamedFromAWorkerThread() {
        // 200 elements on 3 threads (10 µs a loss: 4 ms of work), each on its own copy (x[150] is in the third's share): x[150] = 1.5
        // sits on an upper bound; the noise estimate's random direction happens to move it down.
        double[] theta = new double[200];
        Arrays.setAll(theta, i -> i / 100.0);
        long[] bits = Arrays.stream(theta).mapToLong(Double::doubleToRawLongBits).toArray();
        DifferentiableFunction f = SlowLoss.of(DifferentiableFunction.of(ParameterLayout.builder().vector("x", 200).build(),
                x -> {
                    x[150] = Math.min(x[150], 1.5);
                    return Arrays.stream(x).map(v -> v * v / 2).sum();
                },
                double[]::clone), 10_000);

        assertThatThrownBy(() -> CHECKER.withThreads(3).check(f, theta))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("function.loss() changed parameter x[150] (flat index 150) from " + (1.5 + 1e-7) + " to 1.5"
                        + " when called at x[150] + ε (flat index 150, ε = 1e-7); loss() and gradient() must leave the"
                        + " parameters as they find them: an optimizer step, weight decay or clipping belongs outside"
                        + " them. All parameters have been restored.");
        assertThat(Arrays.stream(theta).mapToLong(Double::doubleToRawLongBits).toArray()).containsExactly(bits);
    }

    @Test
    void aRandomGradientKeepsTheDropoutAdvice() {
        // Dropout in backpropagation only: b's gradient is masked by a fresh coin per call.
        Random dropout = new Random(5);
        DifferentiableModel masked = new Delegate(model) {
            @Override
            public ParameterArrays gradient() {
                return ParameterArrays.builder().add("W", model().expectedW())
                        .add("b", model().expectedB(dropout.nextBoolean() ? 2 : 0)).build();
            }
        };
        Random replay = new Random(5);
        double[] factors = {replay.nextBoolean() ? 2 : 0, replay.nextBoolean() ? 2 : 0};
        // b[0] = −0.0: cos is 1, the largest of b's gradient, so the largest difference is there.
        assertThat(factors[0]).isNotEqualTo(factors[1]);

        assertThatThrownBy(() -> CHECKER.check(masked))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("the analytic gradient of model is not deterministic: two evaluations at the same parameters"
                        + " differ most at b[0] (" + factors[0] + " and " + factors[1] + "), over the nondeterminism"
                        + " tolerance of 1e-10 relatively. Turn dropout off (keep-prob = 1), reset the random seed"
                        + " before every evaluation, and freeze batch statistics (evaluation mode).");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void aRandomLossKeepsTheDropoutAdvice() {
        // Dropout over 20 units worth 0.01·(unit + 1) with keep-prob 0.5, a new mask per evaluation;
        // the masks the first two evaluations see are replayed from the same seed.
        Random replay = new Random(11);
        double[] masks = {0, dropout(replay), dropout(replay)};
        Random dropout = new Random(11);
        model.lossHook = n -> dropout(dropout);
        SineModel replayed = new SineModel(new double[][] {{0.1, -0.0, 2}, {Double.MIN_VALUE, 1.5, 1e-300}},
                new double[] {-0.0, 0.7, Math.PI}, 3);
        replayed.lossHook = n -> masks[n];
        double first = replayed.loss();
        double second = replayed.loss();

        assertThatThrownBy(() -> CHECKER.check(model))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("the loss of SineModel is not deterministic: two evaluations at the same parameters gave "
                        + first + " and " + second + " (they differ by "
                        + String.format(Locale.ROOT, "%.2e", Math.abs(first - second)) + ", over the nondeterminism tolerance of"
                        + " 1e-10 relatively). A gradient check compares losses a step apart, so every evaluation must"
                        + " see the same function: turn dropout off (keep-prob = 1), reset the random seed before every"
                        + " evaluation, and freeze batch statistics (evaluation mode).");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheGradientLacksABlock() {
        DifferentiableModel partial = new Delegate(model) {
            @Override
            public ParameterArrays gradient() {
                return ParameterArrays.builder().add("W", model.expectedW()).build();
            }
        };

        assertThatThrownBy(() -> CHECKER.check(partial))
                .hasMessage("model.gradient() has no block 'b'; it must return one array per parameter block,"
                        + " named as in parameters(): [W, b]");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenAGradientBlockHasTheWrongShape() {
        DifferentiableModel transposed = new Delegate(model) {
            @Override
            public ParameterArrays gradient() {
                return ParameterArrays.builder().add("W", new double[3][2]).add("b", model.expectedB(1)).build();
            }
        };

        assertThatThrownBy(() -> CHECKER.check(transposed))
                .hasMessage("model.gradient() returned block 'W' with shape 3×2 but parameter W has shape 2×3");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheGradientHasAnExtraBlock() {
        DifferentiableModel extra = new Delegate(model) {
            @Override
            public ParameterArrays gradient() {
                return ParameterArrays.builder().add("W", model.expectedW()).add("b", model.expectedB(1))
                        .add("c", new double[1]).build();
            }
        };

        assertThatThrownBy(() -> CHECKER.check(extra))
                .hasMessage("model.gradient() returned block(s) [c] that are not parameter blocks;"
                        + " the parameter blocks are [W, b]");
    }

    @Test
    void aColumnGradientFitsAVectorParameter() {
        DifferentiableModel column = new Delegate(model) {
            @Override
            public ParameterArrays gradient() {
                double[] db = model.expectedB(1);
                return ParameterArrays.builder().add("W", model.expectedW())
                        .add("b", new double[][] {{db[0]}, {db[1]}, {db[2]}}).build();
            }
        };

        GradientCheckReport report = CHECKER.check(column);
        assertThat(report.passed()).isTrue();
    }

    @Test
    void aFunctionNeverWritesToTheCallersArray() {
        double[] theta = {-0.0, Double.MIN_VALUE, 3};
        long[] bits = {Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Double.MIN_VALUE),
                Double.doubleToRawLongBits(3)};
        DifferentiableFunction f = DifferentiableFunction.of(ParameterLayout.builder().vector("x", 3).build(),
                x -> {
                    throw new IllegalStateException("fails at once");
                },
                x -> new double[3]);

        assertThatThrownBy(() -> CHECKER.check(f, theta)).isInstanceOf(GradientCheckException.class);
        assertThat(Arrays.stream(theta).mapToLong(Double::doubleToRawLongBits).toArray()).containsExactly(bits);
    }

    @Test
    void aFunctionsGradientOfTheWrongLengthIsNamed() {
        DifferentiableFunction f = DifferentiableFunction.of(ParameterLayout.builder().vector("x", 3).build(),
                x -> x[0], x -> new double[2]);

        assertThatThrownBy(() -> CHECKER.check(f, 1, 2, 3))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("function.gradient(θ) returned 2 values but θ has 3 (x 3)");
    }

    @Test
    void aPointOfTheWrongLengthIsNamed() {
        DifferentiableFunction f = DifferentiableFunction.of(ParameterLayout.builder().matrix("W", 2, 2).build(),
                x -> x[0], x -> new double[4]);

        assertThatThrownBy(() -> f.at(1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("function has 4 parameters (W 2×2) but the point has 3 values");
    }

    private static double dropout(Random random) {
        double kept = 0;
        for (int unit = 0; unit < 20; unit++) {
            kept += random.nextBoolean() ? 0.01 * (unit + 1) : 0;
        }
        return kept;
    }

    /** A gradient() that adds into buffers kept between calls and never zeroed (all blocks, or b alone). */
    private static final class AccumulatingGradient extends Delegate {
        private final double[][] dw = new double[2][3];
        private final double[] db = new double[3];
        private final boolean allBlocks;

        AccumulatingGradient(SineModel model, boolean allBlocks) {
            this(model, allBlocks, 0);
        }

        /** With b's buffer holding {@code residue} × b's gradient before the first call. */
        AccumulatingGradient(SineModel model, boolean allBlocks, double residue) {
            super(model);
            this.allBlocks = allBlocks;
            double[] b = model.expectedB(1);
            for (int i = 0; i < db.length; i++) {
                db[i] = residue * b[i];
            }
        }

        @Override
        public ParameterArrays gradient() {
            ParameterArrays fresh = super.gradient();
            double[][] w = model().expectedW();
            double[] b = model().expectedB(1);
            for (int i = 0; i < dw.length; i++) {
                for (int j = 0; j < dw[i].length; j++) {
                    dw[i][j] = allBlocks ? dw[i][j] + w[i][j] : w[i][j];
                }
            }
            for (int i = 0; i < db.length; i++) {
                db[i] += b[i];
            }
            return fresh == null ? null : ParameterArrays.builder().add("W", dw).add("b", db).build();
        }
    }

    /** A gradient() that also takes a step of SGD, θ −= 0.5 · ∇J, as a training loop would. */
    private static final class SgdStepInGradient extends Delegate {
        SgdStepInGradient(SineModel model) {
            super(model);
        }

        @Override
        public ParameterArrays gradient() {
            double[][] dw = model().expectedW();
            double[] db = model().expectedB(1);
            for (int i = 0; i < dw.length; i++) {
                for (int j = 0; j < dw[i].length; j++) {
                    model().w[i][j] -= 0.5 * dw[i][j];
                }
            }
            for (int i = 0; i < db.length; i++) {
                model().b[i] -= 0.5 * db[i];
            }
            return ParameterArrays.builder().add("W", dw).add("b", db).build();
        }
    }

    /** A loss() that decays W by 0.1% each time it is evaluated. */
    private static final class WeightDecayInLoss extends Delegate {
        WeightDecayInLoss(SineModel model) {
            super(model);
        }

        @Override
        public double loss() {
            double loss = super.loss();
            for (double[] row : model().w) {
                for (int j = 0; j < row.length; j++) {
                    row[j] *= 0.999;
                }
            }
            return loss;
        }
    }

    /** A loss() that flips the sign of b[1] after it computes, so that every second call undoes the first. */
    private static final class SignFlippingLoss extends Delegate {
        SignFlippingLoss(SineModel model) {
            super(model);
        }

        @Override
        public double loss() {
            double loss = super.loss();
            model().b[1] = -model().b[1];
            return loss;
        }
    }

    /** A loss() that clips b[i] to an upper (or lower) bound, back into the array, before it computes. */
    private static final class ClippingLoss extends Delegate {
        private final int i;
        private final double bound;
        boolean lower;

        ClippingLoss(SineModel model, int i, double bound) {
            super(model);
            this.i = i;
            this.bound = bound;
        }

        @Override
        public double loss() {
            double[] b = model().b;
            b[i] = lower ? Math.max(b[i], bound) : Math.min(b[i], bound);
            return super.loss();
        }
    }

    /** Forwards to a SineModel, under the anonymous name "model". */
    private static class Delegate implements DifferentiableModel {
        private final SineModel model;

        Delegate(SineModel model) {
            this.model = model;
        }

        SineModel model() {
            return model;
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
}
