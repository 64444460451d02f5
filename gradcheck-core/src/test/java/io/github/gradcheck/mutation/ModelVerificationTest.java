package io.github.gradcheck.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The correct backward passes really are correct, independently of the verdict under study: each
 * block's analytic gradient matches a fourth-order (Richardson-extrapolated) centered difference
 * to 1e-7, and a loose check (ε = 1e-6, threshold 1e-4) passes. Also: the hard variants are as
 * hard as they claim.
 */
class ModelVerificationTest {

    private static final double H = 1e-4;
    private static final long[] SEEDS = {1, 2, 3, 4, 5};

    static Stream<Arguments> wellConditioned() {
        List<Arguments> cases = new ArrayList<>();
        for (ModelType type : ModelType.values()) {
            for (Variant variant : List.of(Variant.STANDARD, Variant.SUMMED)) {
                for (long seed : SEEDS) {
                    cases.add(Arguments.of(type, variant, seed));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}/{1}/seed {2}")
    @MethodSource("wellConditioned")
    void backwardPassMatchesAFourthOrderDifferenceBlockByBlock(ModelType type, Variant variant, long seed) {
        DifferentiableModel model = type.correct(seed, variant);
        GradientCheckReport atH = GradientChecker.defaults().withEpsilon(H).check(model);
        GradientCheckReport at2H = GradientChecker.defaults().withEpsilon(2 * H).check(model);
        double[] g = atH.gradient();
        double[] n1 = atH.numericGradient();
        double[] n2 = at2H.numericGradient();
        double[] richardson = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            richardson[i] = (4 * n1[i] - n2[i]) / 3;
        }
        for (BlockSummary block : atH.blocks()) {
            int from = block.offset();
            int to = from + block.size();
            double error = norm(g, richardson, from, to);
            double scale = norm(g, null, from, to) + norm(richardson, null, from, to);
            assertThat(error)
                    .as("%s/%s/seed %d block %s: |g - n| = %.3g against |g| + |n| = %.3g", type, variant, seed,
                            block.name(), error, scale)
                    .isLessThanOrEqualTo(1e-7 * scale + 1e-10 * Math.sqrt(block.size()));
        }
    }

    @ParameterizedTest(name = "{0}/{1}/seed {2}")
    @MethodSource("wellConditioned")
    void looseCheckPasses(ModelType type, Variant variant, long seed) {
        GradientCheckReport report = GradientChecker.defaults().withEpsilon(1e-6).withThreshold(1e-4)
                .check(type.correct(seed, variant));
        assertThat(report.passed()).as("%s", report).isTrue();
    }

    static Stream<Arguments> typesAndSeeds() {
        List<Arguments> cases = new ArrayList<>();
        for (ModelType type : ModelType.values()) {
            for (long seed = 1; seed <= MutationSuiteTest.SEEDS; seed++) {
                cases.add(Arguments.of(type, seed));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}/seed {1}")
    @MethodSource("typesAndSeeds")
    void largeSummedLossIsAboutAMillion(ModelType type, long seed) {
        assertThat(type.correct(seed, Variant.LARGE_SUMMED_LOSS).loss()).isBetween(0.9e6, 1.1e6);
    }

    @ParameterizedTest(name = "{0}/seed {1}")
    @MethodSource("typesAndSeeds")
    void tinyParametersAreAboutOneMillionth(ModelType type, long seed) {
        double largest = 0;
        for (double value : type.correct(seed, Variant.TINY_PARAMETERS).parameters().toVector()) {
            largest = Math.max(largest, Math.abs(value));
        }
        assertThat(largest).isBetween(1e-7, 1e-5);
    }

    @ParameterizedTest(name = "mlp-relu/seed {0}")
    @MethodSource("seeds")
    void reluKinkVariantHasAPreactivationAtZero(long seed) {
        MlpRelu net = MlpRelu.create(seed, Variant.RELU_KINK, MlpRelu.Bug.NONE);
        assertThat(net.smallestPreactivation()).isEqualTo(0.0);
    }

    static Stream<Long> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(MutationSuiteTest.SEEDS);
    }

    static double norm(double[] a, double[] b, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double d = b == null ? a[i] : a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
