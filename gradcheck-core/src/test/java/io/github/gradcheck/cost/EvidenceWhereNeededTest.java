package io.github.gradcheck.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.ElementVerdict;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import io.github.gradcheck.report.summary.CheckRecord;
import io.github.gradcheck.report.summary.RunSummary;
import io.github.gradcheck.report.summary.SummaryHtml;
import io.github.gradcheck.report.summary.SummaryJson;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Evidence gathered where a verdict needs it (issue 12): a full centered check whose elements all
 * match with the least noise the loss can have ends after them, with 2 + 2N loss and 2 gradient
 * evaluations; any other check still measures the noise and runs
 * the Taylor tests, and its verdict is the one those give. The model is new to this project: a
 * logistic regression over a fixed batch whose gradient is written out by hand, with knobs that
 * break it.
 */
class EvidenceWhereNeededTest {

    /** Loss evaluations besides the elements' 2N and the 2 at θ when the rest of the evidence is gathered: 8 for the noise. */
    private static final int NOISE = 8;
    /** Loss evaluations of one block's Taylor test. */
    private static final int TAYLOR = 5;

    @Test
    void aCleanCheckCostsTwoLossesAtThetaTwoPerElementAndTwoGradients() {
        Logistic model = new Logistic();
        GradientCheckReport report = GradientChecker.defaults().check(model);

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.mismatches()).isZero();
        int n = report.parameterCount();
        assertThat(n).isEqualTo(Logistic.FEATURES + 1);
        assertThat(report.lossEvaluations()).isEqualTo(2 + 2L * n).isEqualTo(model.lossCalls);
        assertThat(report.gradientEvaluations()).isEqualTo(2).isEqualTo(model.gradientCalls);
        assertThat(report.fullCheckEvaluations()).isEqualTo(2 + 2L * n);
        assertThat(model.unchanged()).isTrue();
    }

    @Test
    void aCleanCheckSaysTheNoiseWasNotEstimatedAndNoTaylorTestRan() {
        Logistic model = new Logistic();
        GradientCheckReport report = GradientChecker.defaults().check(model);

        assertThat(report.noiseEstimated()).isFalse();
        // The noise the elements were judged with: one rounding of J(θ).
        assertThat(report.noise()).isEqualTo(Math.ulp(1.0) / 2 * Math.abs(report.loss()));
        for (BlockSummary block : report.blocks()) {
            assertThat(block.taylor().ran()).as(block.name()).isFalse();
            assertThat(block.taylor().steps()).isEmpty();
            assertThat(block.taylor().contradicts()).isFalse();
            assertThat(block.taylor().describe()).isEqualTo("not run");
        }
        assertThat(report.worstOffenders()).allSatisfy(offender -> assertThat(offender.verdict()).isEqualTo(ElementVerdict.MATCH));
        assertThat(report.toString()).contains("centered differences; loss noise not estimated (every element matched at the"
                + " tightest tolerance)").containsPattern("\\n  w +4 .* not run\\n").containsPattern("\\n  c +1 .* not run\\n");

        RunSummary summary = new RunSummary(List.of(CheckRecord.of("LogisticTest.check", report)));
        String json = SummaryJson.write(summary);
        assertThat(json).contains("\"noise\": null,", "\"ran\": false,", "\"steps\": [],", "\"remainders\": []")
                .doesNotContain("\"ran\": true");
        assertThat(SummaryHtml.write(summary)).contains("loss noise").contains("not estimated (every element matched at the tightest"
                + " tolerance)").contains(">not run<");
    }

    @Test
    void oneWrongElementStillGetsTheNoiseTheSecondLossAndTheTaylorTests() {
        Logistic model = new Logistic();
        model.wrongElement = 2;
        GradientCheckReport report = GradientChecker.defaults().check(model);
        int n = report.parameterCount();

        assertThat(report.passed()).isFalse();
        assertThat(report.mismatches()).isEqualTo(1);
        Offender worst = report.worstOffenders().get(0);
        assertThat(worst.parameter()).isEqualTo("w[2]");
        assertThat(worst.verdict()).isEqualTo(ElementVerdict.MISMATCH);
        assertThat(worst.relativeError()).isCloseTo(0.5 / 2.5, offset(1e-6));
        assertThat(report.noiseEstimated()).isTrue();
        assertThat(report.noise()).isGreaterThanOrEqualTo(Math.ulp(1.0) / 2 * Math.abs(report.loss()));
        assertThat(report.blocks()).allSatisfy(block -> assertThat(block.taylor().ran()).isTrue());
        assertThat(report.block("w").taylor().contradicts()).isTrue();
        assertThat(report.block("c").taylor().consistent()).isTrue();
        assertThat(report.toString()).contains("loss noise σ ≈ ").doesNotContain("not estimated").doesNotContain("not run");
        assertThat(SummaryJson.write(new RunSummary(List.of(CheckRecord.of("LogisticTest.check", report)))))
                .doesNotContain("\"noise\": null").doesNotContain("\"ran\": false");
        // 2 at θ and 2N first looks, then 8 for the noise, 4 more looks at the one mismatch (± 2ε,
        // ± ε/1000), and 5 per block for the Taylor tests: what the check made before.
        assertThat(report.lossEvaluations()).isEqualTo(2 + 2L * n + NOISE + 4 + TAYLOR * 2L).isEqualTo(model.lossCalls);
        assertThat(report.gradientEvaluations()).isEqualTo(model.gradientCalls);
        assertThat(model.unchanged()).isTrue();
    }

    @Test
    void theVerdictOfAWrongElementIsTheOneTheMeasuredNoiseGives() {
        // The five-point stencil measures the noise before any element; it and the centered check must agree on
        // which element is wrong, and the centered check's noise is the one the five-point check measured.
        Logistic centered = new Logistic();
        centered.wrongElement = 4;
        Logistic fivePoint = new Logistic();
        fivePoint.wrongElement = 4;
        GradientCheckReport first = GradientChecker.defaults().check(centered);
        GradientCheckReport second = GradientChecker.defaults().withStencil(Stencil.FIVE_POINT).check(fivePoint);

        assertThat(first.noise()).isEqualTo(second.noise());
        assertThat(first.worstOffenders()).extracting(Offender::parameter, Offender::verdict)
                .startsWith(tuple("c[0]", ElementVerdict.MISMATCH));
        assertThat(first.mismatches()).isEqualTo(second.mismatches()).isEqualTo(1);
    }

    @Test
    void aNondeterministicLossGetsTheDeterminismErrorBeforeAnyElementIsLookedAt() {
        Logistic model = new Logistic();
        Random random = new Random(7);
        model.lossHook = call -> 1e-6 * random.nextGaussian();

        assertThatThrownBy(() -> GradientChecker.defaults().check(model))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageStartingWith("the loss of Logistic is not deterministic: two evaluations at the same parameters gave ")
                .hasMessageContaining("turn dropout off");
        // The second loss at θ comes right after the first, before the elements.
        assertThat(model.lossCalls).isEqualTo(2);
        assertThat(model.unchanged()).isTrue();
    }

    @Test
    void parametersAreRestoredWhenTheLossThrowsDuringTheFirstLooksOrTheNoiseEstimate() {
        int n = Logistic.FEATURES + 1;
        // During the first looks, at w[1] − ε (after the two losses at θ and w[0] ± ε, w[1] + ε).
        Logistic first = new Logistic();
        first.lossHook = call -> {
            if (call == 2 + 2 + 2) {
                throw new IllegalStateException("boom");
            }
            return 0;
        };
        assertThatThrownBy(() -> GradientChecker.defaults().check(first)).hasMessageStartingWith(
                "Logistic.loss() threw java.lang.IllegalStateException (boom) at w[1] − ε").hasMessageEndingWith(
                "The parameters have been restored.");
        assertThat(first.unchanged()).isTrue();

        // During the noise estimate of a check with a wrong element: its third point.
        Logistic noise = new Logistic();
        noise.wrongElement = 0;
        noise.lossHook = call -> {
            if (call == 2 + 2 * n + 3) {
                throw new IllegalStateException("boom");
            }
            return 0;
        };
        assertThatThrownBy(() -> GradientChecker.defaults().check(noise)).hasMessageStartingWith(
                "Logistic.loss() threw java.lang.IllegalStateException (boom) at θ + 3·δ·d, a tiny step along a random"
                        + " direction d (noise estimate)").hasMessageEndingWith("The parameters have been restored.");
        assertThat(noise.unchanged()).isTrue();
    }

    @Test
    void aLossThatChangesAParameterDuringTheFirstLooksIsNamedAsTheModelsOwnChange() {
        // Seen before the noise estimate, so that its evaluations are not blamed for it.
        Logistic model = new Logistic();
        model.lossHook = call -> {
            if (call == 2 + 2 * 3) {
                model.w[0] = 9;
            }
            return 0;
        };
        assertThatThrownBy(() -> GradientChecker.defaults().check(model)).hasMessageStartingWith(
                "Logistic changed its own parameter w[0] (flat index 0) from ");
        assertThat(model.unchanged()).isTrue();
    }

    @Test
    void aLossWhoseRandomnessHidesUnderTheRelativeThresholdIsStillCalledRandom() {
        // J = 1000·θ at θ = 1e-6 (J ≈ 1e-3), every other call 1e-12 higher: 1e-9 of J, over the tolerance of
        // 1e-10, yet every element's relative error (about 1e-10) matches, so the first looks alone would pass it.
        int[] calls = {0};
        DifferentiableFunction f = DifferentiableFunction.of(ParameterLayout.builder().vector("x", 1).build(),
                theta -> 1000 * theta[0] + (calls[0]++ % 2 == 0 ? 1e-12 : 0), theta -> new double[] {1000});

        assertThatThrownBy(() -> GradientChecker.defaults().check(f, 1e-6)).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("is not deterministic");
        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void aBudgetIsComparedWithTheCostOfACheckThatGathersAllItsEvidence() {
        // N = 4 in one block: a check with a mismatch takes 2 + 8 + 2N + 5 = 23 evaluations before second looks.
        DifferentiableFunction f = DifferentiableFunction.of(ParameterLayout.builder().vector("x", 4).build(),
                theta -> theta[0] * theta[0] + theta[1] * theta[1] + theta[2] * theta[2] + theta[3] * theta[3],
                theta -> new double[] {3 * theta[0], 2 * theta[1], 2 * theta[2], 2 * theta[3]});

        GradientCheckReport under = GradientChecker.defaults().withEvaluationBudget(22).check(f, 0.5, -0.3, 0.7, 1.1);
        assertThat(under.mode()).isEqualTo(CheckMode.RANDOM_DIRECTIONS);
        assertThat(under.warnings()).anySatisfy(warning -> assertThat(warning).startsWith(
                "a full check would take 23 loss evaluations, over the budget of 22"));
        GradientCheckReport within = GradientChecker.defaults().withEvaluationBudget(23).check(f, 0.5, -0.3, 0.7, 1.1);
        assertThat(within.mode()).isEqualTo(CheckMode.FULL);
        assertThat(within.passed()).isFalse();
        assertThat(within.lossEvaluations()).isGreaterThan(2 + 2 * 4);
    }

    @Test
    void theMatchesOfACheckThatWentOnCarryTheRoundOffOfTheMeasuredNoiseBitForBit() {
        // σ/(√2 εᵢ) with εᵢ = step · max(|θᵢ|, 1), computed here from the report's noise and settings: the first
        // looks were judged with the least noise, then again with σ, and must say what a look with σ says.
        Logistic model = new Logistic();
        model.wrongElement = 2;
        double[] theta = Logistic.join(model.w, model.c);
        GradientCheckReport report = GradientChecker.defaults().check(model);

        List<Offender> matches = report.worstOffenders().stream().filter(o -> o.verdict() == ElementVerdict.MATCH).toList();
        assertThat(matches).isNotEmpty();
        for (Offender offender : matches) {
            double step = report.settings().step().value() * Math.max(Math.abs(theta[offender.index()]), 1);
            assertThat(Double.doubleToLongBits(offender.estimatedError())).as(offender.parameter())
                    .isEqualTo(Double.doubleToLongBits(report.noise() / (Math.sqrt(2) * step)));
        }
    }

    /**
     * J = Σₖ softplus(zₖ) − yₖ zₖ, zₖ = ⟨xₖ, w⟩ + c, over a fixed batch of 12: a logistic regression
     * with the gradient Σₖ (σ(zₖ) − yₖ)·(xₖ, 1). {@link #wrongElement} scales one element of the
     * analytic gradient by 1.5 (flat index; {@code FEATURES} is c); {@link #lossHook} adds its value
     * to the loss at each call (numbered from 1), or throws.
     */
    static final class Logistic implements DifferentiableModel {

        static final int FEATURES = 4;
        private static final int BATCH = 12;

        final double[] w = {0.4, -0.7, 1.1, 0.25};
        final double[] c = {-0.3};
        private final double[] original = join(w, c);
        private final double[][] x = new double[BATCH][FEATURES];
        private final double[] y = new double[BATCH];
        int wrongElement = -1;
        IntToDoubleFunction lossHook = call -> 0;
        int lossCalls;
        int gradientCalls;

        Logistic() {
            Random random = new Random(2026);
            for (int k = 0; k < BATCH; k++) {
                for (int j = 0; j < FEATURES; j++) {
                    x[k][j] = random.nextGaussian();
                }
                y[k] = random.nextBoolean() ? 1 : 0;
            }
        }

        @Override
        public ParameterArrays parameters() {
            return ParameterArrays.builder().add("w", w).add("c", c).build();
        }

        @Override
        public double loss() {
            lossCalls++;
            double sum = lossHook.applyAsDouble(lossCalls);
            for (int k = 0; k < BATCH; k++) {
                double z = z(k);
                sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[k] * z;
            }
            return sum;
        }

        @Override
        public ParameterArrays gradient() {
            gradientCalls++;
            double[] dw = new double[FEATURES];
            double[] dc = new double[1];
            for (int k = 0; k < BATCH; k++) {
                double residual = 1 / (1 + Math.exp(-z(k))) - y[k];
                for (int j = 0; j < FEATURES; j++) {
                    dw[j] += residual * x[k][j];
                }
                dc[0] += residual;
            }
            if (wrongElement >= 0) {
                if (wrongElement < FEATURES) {
                    dw[wrongElement] *= 1.5;
                } else {
                    dc[0] *= 1.5;
                }
            }
            return ParameterArrays.builder().add("w", dw).add("c", dc).build();
        }

        private double z(int k) {
            double z = c[0];
            for (int j = 0; j < FEATURES; j++) {
                z += x[k][j] * w[j];
            }
            return z;
        }

        /** Whether w and c are bit for bit as they were made. */
        boolean unchanged() {
            return Arrays.equals(doubleBits(join(w, c)), doubleBits(original));
        }

        static double[] join(double[] a, double[] b) {
            double[] joined = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, joined, a.length, b.length);
            return joined;
        }

        private static long[] doubleBits(double[] values) {
            return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
        }
    }
}
