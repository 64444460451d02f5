package io.github.gradcheck.secondorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterVector;
import io.github.gradcheck.TwiceDifferentiableModel;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.JacobianEntry;
import io.github.gradcheck.report.LayerResult;
import io.github.gradcheck.report.SecondOrderResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecondOrderCheckTest {

    private static final int SEEDS = 20;
    /** 3 outputs × 3 features + 3 biases: square W, so that a transposed V fits. */
    private static final int N = 12;

    private static LogisticHessian model(long seed, LogisticHessian.Bug bug) {
        return new LogisticHessian(3, 3, 8, seed, bug);
    }

    @Test
    void aCorrectHessianVectorProductPassesWithTheWholeHessianForASmallModel() {
        LogisticHessian model = model(1, LogisticHessian.Bug.NONE);
        GradientCheckReport report = GradientChecker.defaults().checkSecondOrder(model);

        assertThat(report.passed()).as(report.toString()).isTrue();
        SecondOrderResult secondOrder = report.secondOrder().orElseThrow();
        assertThat(secondOrder.compared()).isTrue();
        assertThat(secondOrder.gradientCheck().passed()).isTrue();
        assertThat(secondOrder.gradientCheck().secondOrder()).isEmpty();
        LayerResult hessian = report.layer().orElseThrow();
        assertThat(hessian.outputs()).isEqualTo(N);
        assertThat(hessian.wholeJacobian()).isTrue();
        assertThat(hessian.probes()).isEqualTo(N);
        assertThat(report.blocks()).extracting(b -> b.name()).containsExactly("W", "b");
        assertThat(report.modelName()).isEqualTo("LogisticHessian");
    }

    @Test
    void noFalseAlarmsOnCorrectModelsOverTwentySeedsWithTheWholeHessianAndWithRandomProbes() {
        List<String> alarms = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            for (int outputs : new int[] {1, 3}) {
                GradientCheckReport whole = GradientChecker.defaults().withSeed(seed)
                        .checkSecondOrder(new LogisticHessian(outputs, 3, 8, seed, LogisticHessian.Bug.NONE));
                GradientCheckReport random = GradientChecker.defaults().withSeed(seed).withJacobianOutputs(0)
                        .checkSecondOrder(new LogisticHessian(outputs, 3, 8, seed, LogisticHessian.Bug.NONE));
                if (!whole.passed()) {
                    alarms.add("whole, k=" + outputs + ", seed " + seed + ": " + whole);
                }
                if (!random.passed()) {
                    alarms.add("random, k=" + outputs + ", seed " + seed + ": " + random);
                }
            }
        }
        assertThat(alarms).isEmpty();
    }

    @Test
    void everySecondOrderMutantIsDetectedAtEverySeedWithTheWholeHessianAndWithRandomProbes() {
        Map<LogisticHessian.Bug, Integer> missed = new EnumMap<>(LogisticHessian.Bug.class);
        Map<LogisticHessian.Bug, Integer> compared = new EnumMap<>(LogisticHessian.Bug.class);
        for (LogisticHessian.Bug bug : LogisticHessian.Bug.values()) {
            if (bug == LogisticHessian.Bug.NONE) {
                continue;
            }
            missed.put(bug, 0);
            compared.put(bug, 0);
            for (long seed = 1; seed <= SEEDS; seed++) {
                for (int jacobianOutputs : new int[] {GradientChecker.DEFAULT_JACOBIAN_OUTPUTS, 0}) {
                    GradientCheckReport report = GradientChecker.defaults().withSeed(seed)
                            .withJacobianOutputs(jacobianOutputs).checkSecondOrder(model(seed, bug));
                    if (report.passed()) {
                        missed.merge(bug, 1, Integer::sum);
                    }
                    if (report.secondOrder().orElseThrow().compared()) {
                        compared.merge(bug, 1, Integer::sum);
                    }
                }
            }
        }
        assertThat(missed).allSatisfy((bug, count) -> assertThat(count).as(bug.name()).isZero());
        // The gradient is right in every mutant, so the second order was compared every time.
        assertThat(compared).allSatisfy((bug, count) -> assertThat(count).as(bug.name()).isEqualTo(2 * SEEDS));
    }

    @Test
    void theWorstOffenderIsInTheBlockTheBugIsIn() {
        GradientCheckReport regularisation = GradientChecker.defaults()
                .checkSecondOrder(model(2, LogisticHessian.Bug.MISSING_REGULARISATION));
        assertThat(regularisation.block("W").passed()).isFalse();
        assertThat(regularisation.block("b").passed()).isTrue();

        GradientCheckReport one = GradientChecker.defaults().checkSecondOrder(model(2, LogisticHessian.Bug.ONE_ELEMENT));
        assertThat(one.worstOffenders().get(0).parameter()).isEqualTo("W[1,2]");
        // Only H[W[1,2], W[1,2]] is wrong: the whole-Hessian check names that entry and no other.
        assertThat(one.layer().orElseThrow().wrongJacobianEntries())
                .extracting(e -> e.output() + ":" + e.element().parameter()).containsExactly("5:W[1,2]");
    }

    /**
     * A user who builds H as a matrix M with one entry wrong, M = H + δ·e_a e_bᵀ (so M is not
     * symmetric), and returns M·v, or by mistake Mᵀ·v: both are caught, because each element's
     * difference is a column of the true Jacobian of the gradient, not of the user's M; the whole
     * Hessian names the entry (probe j, element i compares M[i][j] with H[i][j]).
     */
    @Test
    void anAsymmetricWrongHessianIsCaughtWhetherItIsAppliedOrItsTransposeIs() {
        int a = 1;
        int bIndex = 10;
        for (boolean transposed : new boolean[] {false, true}) {
            ExplicitHessian model = new ExplicitHessian(model(3, LogisticHessian.Bug.NONE), a, bIndex, 0.05, transposed);
            GradientCheckReport whole = GradientChecker.defaults().checkSecondOrder(model);
            GradientCheckReport random = GradientChecker.defaults().withJacobianOutputs(0).checkSecondOrder(model);

            assertThat(whole.passed()).as("whole, transposed=" + transposed).isFalse();
            assertThat(random.passed()).as("random, transposed=" + transposed).isFalse();
            List<JacobianEntry> entries = whole.layer().orElseThrow().wrongJacobianEntries();
            int output = transposed ? a : bIndex;
            String element = transposed ? "b[1]" : "W[0,1]";
            assertThat(entries).extracting(e -> e.output() + ":" + e.element().parameter())
                    .as("transposed=" + transposed).containsExactly(output + ":" + element);
        }
        // The same matrix without the slip passes: the test's M is H.
        assertThat(GradientChecker.defaults().checkSecondOrder(
                new ExplicitHessian(model(3, LogisticHessian.Bug.NONE), a, bIndex, 0, true)).passed()).isTrue();
    }

    @Test
    void aWrongGradientIsReportedFirstAndTheHessianVectorProductIsNotCompared() {
        WrongGradient model = new WrongGradient(model(4, LogisticHessian.Bug.NONE));
        GradientCheckReport report = GradientChecker.defaults().checkSecondOrder(model);

        assertThat(report.passed()).isFalse();
        SecondOrderResult secondOrder = report.secondOrder().orElseThrow();
        assertThat(secondOrder.compared()).isFalse();
        assertThat(secondOrder.gradientCheck().passed()).isFalse();
        assertThat(report.layer()).isEmpty();
        assertThat(report.block("b").passed()).isFalse();
        assertThat(report.warnings().get(0)).contains("the gradient fails its own check").contains("was not compared")
                .contains("Fix WrongGradient.gradient() first");
        assertThat(model.inner.hvpCalls).isZero();
    }

    @Test
    void callCountsAreTheGradientsTwoNPlusFixedCostsPerProbeAndOneProductPerProbe() {
        LogisticHessian one = model(5, LogisticHessian.Bug.NONE);
        GradientCheckReport single = GradientChecker.defaults().withJacobianOutputs(0).withProbes(1).checkSecondOrder(one);
        LogisticHessian three = model(5, LogisticHessian.Bug.NONE);
        GradientCheckReport triple = GradientChecker.defaults().withJacobianOutputs(0).withProbes(3).checkSecondOrder(three);

        LayerResult singleCalls = single.layer().orElseThrow();
        LayerResult tripleCalls = triple.layer().orElseThrow();
        long firstOrder = triple.secondOrder().orElseThrow().gradientCheck().gradientEvaluations();
        // Every gradient call is either the first-order check's or the second order's "forward" call.
        assertThat(three.gradientCalls).isEqualTo(firstOrder + tripleCalls.forwardCalls());
        assertThat(three.hvpCalls).isEqualTo(tripleCalls.backwardCalls());
        // 2 calls for determinism, 2N element calls shared by all probes, and per probe the scalar
        // engine's fixed evaluations: 2 at θ, and where its elements do not all match with the least
        // noise 8 + 5B more for B = 2 blocks (README, "How the verdict is reached").
        long moreWithNoise = 8 + 5 * 2;
        assertThat(singleCalls.forwardCalls()).isEqualTo(2 + 2L * N + 2 + singleCalls.probesWithNoiseEstimate() * moreWithNoise);
        assertThat(tripleCalls.forwardCalls()).isEqualTo(2 + 2L * N + 6 + tripleCalls.probesWithNoiseEstimate() * moreWithNoise);
        // One product per probe, again for its determinism, and one for the linearity contract.
        assertThat(tripleCalls.backwardCalls()).isEqualTo(3 * 2 + 1);
        assertThat(singleCalls.backwardCalls()).isEqualTo(2 + 1 + 1);
    }

    @Test
    void parametersAreRestoredBitForBitOnPassFailureAndThrow() {
        for (LogisticHessian.Bug bug : new LogisticHessian.Bug[] {LogisticHessian.Bug.NONE, LogisticHessian.Bug.WRONG_SIGN}) {
            LogisticHessian model = model(6, bug);
            double[] before = model.parameters().toVector();
            GradientChecker.defaults().checkSecondOrder(model);
            assertSameBits(before, model.parameters().toVector());
        }
        for (int failAt : new int[] {1, 5}) {
            ThrowingProduct model = new ThrowingProduct(model(6, LogisticHessian.Bug.NONE), failAt, false);
            double[] before = model.parameters().toVector();
            assertThatThrownBy(() -> GradientChecker.defaults().checkSecondOrder(model))
                    .isInstanceOf(GradientCheckException.class)
                    .hasMessageContaining("LogisticHessian.hessianVectorProduct(v) threw");
            assertSameBits(before, model.parameters().toVector());
        }
        ThrowingProduct nan = new ThrowingProduct(model(6, LogisticHessian.Bug.NONE), 3, true);
        double[] before = nan.parameters().toVector();
        assertThatThrownBy(() -> GradientChecker.defaults().checkSecondOrder(nan)).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("NaN");
        assertSameBits(before, nan.parameters().toVector());
    }

    @Test
    void aProductWithAMisnamedBlockIsRefusedByName() {
        TwiceDifferentiableModel misnamed = new Forwarding(model(7, LogisticHessian.Bug.NONE)) {
            @Override
            public ParameterArrays hessianVectorProduct(ParameterVector v) {
                ParameterArrays product = inner.hessianVectorProduct(v);
                double[] all = product.toVector();
                return ParameterArrays.builder().add("W", java.util.Arrays.copyOf(all, 9), 3, 3)
                        .add("bias", java.util.Arrays.copyOfRange(all, 9, 12)).build();
            }
        };
        assertThatThrownBy(() -> GradientChecker.defaults().checkSecondOrder(misnamed))
                .isInstanceOf(GradientCheckException.class).hasMessageContaining("hessianVectorProduct(v)")
                .hasMessageContaining("[W, bias]").hasMessageContaining("missing [b]");
    }

    private static void assertSameBits(double[] before, double[] after) {
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.length; i++) {
            assertThat(Double.doubleToRawLongBits(after[i])).as("θ[" + i + "]").isEqualTo(Double.doubleToRawLongBits(before[i]));
        }
    }

    /** Delegates everything to a {@link LogisticHessian}; subclasses change one call. */
    private static class Forwarding implements TwiceDifferentiableModel {

        final LogisticHessian inner;

        Forwarding(LogisticHessian inner) {
            this.inner = inner;
        }

        @Override
        public ParameterArrays parameters() {
            return inner.parameters();
        }

        @Override
        public double loss() {
            return inner.loss();
        }

        @Override
        public ParameterArrays gradient() {
            return inner.gradient();
        }

        @Override
        public ParameterArrays hessianVectorProduct(ParameterVector v) {
            return inner.hessianVectorProduct(v);
        }

        @Override
        public String name() {
            return inner.name();
        }
    }

    /** The gradient of b forgets its 1/m; the Hessian-vector product is right. */
    private static final class WrongGradient extends Forwarding {

        WrongGradient(LogisticHessian inner) {
            super(inner);
        }

        @Override
        public ParameterArrays gradient() {
            double[] g = inner.gradient().toVector();
            for (int i = 9; i < 12; i++) {
                g[i] *= inner.batchSize();
            }
            return ParameterArrays.builder().add("W", java.util.Arrays.copyOf(g, 9), 3, 3)
                    .add("b", java.util.Arrays.copyOfRange(g, 9, 12)).build();
        }

        @Override
        public String name() {
            return "WrongGradient";
        }
    }

    /** Throws (or returns NaN) on the {@code failAt}-th product. */
    private static final class ThrowingProduct extends Forwarding {

        private final int failAt;
        private final boolean nan;
        private int calls;

        ThrowingProduct(LogisticHessian inner, int failAt, boolean nan) {
            super(inner);
            this.failAt = failAt;
            this.nan = nan;
        }

        @Override
        public ParameterArrays hessianVectorProduct(ParameterVector v) {
            if (++calls == failAt) {
                if (!nan) {
                    throw new IllegalStateException("product " + calls);
                }
                double[] hw = new double[9];
                hw[4] = Double.NaN;
                return ParameterArrays.builder().add("W", hw, 3, 3).add("b", new double[3]).build();
            }
            return inner.hessianVectorProduct(v);
        }
    }

    /**
     * H built as an explicit matrix at construction (columns H·eⱼ from the correct product), with
     * M[a][b] += δ, and applied as M·v or Mᵀ·v.
     */
    private static final class ExplicitHessian extends Forwarding {

        private final double[][] matrix;
        private final boolean transposed;

        ExplicitHessian(LogisticHessian inner, int a, int b, double delta, boolean transposed) {
            super(inner);
            this.transposed = transposed;
            this.matrix = new double[N][N];
            for (int j = 0; j < N; j++) {
                double[] basis = new double[N];
                basis[j] = 1;
                double[] column = inner.hessianVectorProduct(ParameterVector.of(inner.parameters().layout(), basis)).toVector();
                for (int i = 0; i < N; i++) {
                    matrix[i][j] = column[i];
                }
            }
            matrix[a][b] += delta;
        }

        @Override
        public ParameterArrays hessianVectorProduct(ParameterVector v) {
            double[] vector = v.toVector();
            double[] product = new double[N];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    product[i] += (transposed ? matrix[j][i] : matrix[i][j]) * vector[j];
                }
            }
            return ParameterArrays.builder().add("W", java.util.Arrays.copyOf(product, 9), 3, 3)
                    .add("b", java.util.Arrays.copyOfRange(product, 9, 12)).build();
        }
    }
}
