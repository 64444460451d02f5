package io.github.gradcheck.heldoutlayers;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.TwiceDifferentiableModel;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.LayerResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Second-order checks on two models new to this project, softmax regression (N = 9, whole Hessian
 * by default) and Poisson regression (N = 4), with hand-written Hessian-vector products and seven
 * bugs in them, each over 20 seeds in both modes, with the defaults. Measured once before any change.
 */
class HeldOutSecondOrderTest {

    static final int SEEDS = 20;
    private static final GradientChecker DEFAULTS = GradientChecker.defaults();
    private static final GradientChecker RANDOM_PROBES = GradientChecker.defaults().withJacobianOutputs(0);

    /** A model at a seed, correct or with one bug, and the blocks the bug changes. */
    record Case(String name, LongFunction<TwiceDifferentiableModel> model, List<String> blocks, boolean randomProbes) {
        GradientChecker checker() {
            return randomProbes ? RANDOM_PROBES : DEFAULTS;
        }

        @Override
        public String toString() {
            return name + (randomProbes ? " (random v)" : " (whole Hessian)");
        }
    }

    static Stream<Case> correct() {
        List<Case> cases = new ArrayList<>();
        for (boolean random : new boolean[] {false, true}) {
            cases.add(new Case("softmax-regression", seed -> new SoftmaxRegressionHessian(seed, null), List.of(), random));
            cases.add(new Case("poisson-regression", seed -> new PoissonRegressionHessian(seed, null), List.of(), random));
        }
        return cases.stream();
    }

    static Stream<Case> mutants() {
        List<Case> cases = new ArrayList<>();
        for (boolean random : new boolean[] {false, true}) {
            for (SoftmaxRegressionHessian.Bug bug : SoftmaxRegressionHessian.Bug.values()) {
                List<String> blocks = bug == SoftmaxRegressionHessian.Bug.L2_CURVATURE_ON_BIAS ? List.of("b") : List.of("W", "b");
                cases.add(new Case("softmax-regression/" + bug, seed -> new SoftmaxRegressionHessian(seed, bug), blocks, random));
            }
            for (PoissonRegressionHessian.Bug bug : PoissonRegressionHessian.Bug.values()) {
                List<String> blocks = switch (bug) {
                    case WITHOUT_L2_CURVATURE -> List.of("w");
                    case RESIDUAL_AS_CURVATURE -> List.of("w", "b");
                    case BIAS_ROW_WITHOUT_CROSS_TERM -> List.of("b");
                };
                cases.add(new Case("poisson-regression/" + bug, seed -> new PoissonRegressionHessian(seed, bug), blocks, random));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correct")
    void correctHessianVectorProductPassesAtEverySeed(Case c) {
        for (long seed = 1; seed <= SEEDS; seed++) {
            GradientCheckReport report = c.checker().checkSecondOrder(c.model().apply(seed));
            assertThat(report.passed()).as("false alarm on %s at seed %d%n%s", c, seed, report).isTrue();
            assertThat(report.secondOrder().orElseThrow().compared()).isTrue();
        }
    }

    /** Gradient calls = 2 + 2N + 2k + E·(8 + 5B), E of the k probes measuring the noise, H·v calls = 2k + 1, besides the first-order check. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("correct")
    void callCountsAreTwoNGradientCallsSharedByAllProbes(Case c) {
        GradientCheckReport report = c.checker().checkSecondOrder(c.model().apply(1));
        LayerResult result = report.layer().orElseThrow();
        long n = report.blocks().stream().mapToLong(BlockSummary::size).sum();
        long k = result.probes();
        assertThat(k).isEqualTo(c.randomProbes() ? 3 : n);
        long estimated = result.probesWithNoiseEstimate();
        assertThat(estimated).isBetween(0L, k);
        assertThat(result.forwardCalls()).isEqualTo(2 + 2 * n + 2 * k + estimated * (8 + 5 * report.blocks().size()));
        assertThat(result.backwardCalls()).isEqualTo(2 * k + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void mutantIsDetectedAtEverySeedWithTheWorstOffenderInAMutatedBlock(Case c) {
        for (long seed = 1; seed <= SEEDS; seed++) {
            GradientCheckReport report = c.checker().checkSecondOrder(c.model().apply(seed));
            assertThat(report.secondOrder().orElseThrow().compared()).isTrue();
            assertThat(report.passed()).as("%s passed at seed %d%n%s", c, seed, report).isFalse();
            assertThat(report.worstOffenders().get(0).block()).as("%s at seed %d%n%s", c, seed, report).isIn(c.blocks());
            for (BlockSummary block : report.blocks()) {
                if (!c.blocks().contains(block.name())) {
                    assertThat(block.passed()).as("%s at seed %d: %s fails%n%s", c, seed, block.name(), report).isTrue();
                }
            }
        }
    }
}
