package io.github.gradcheck.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.Precision;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Float networks over 20 seeds each (parameters, data and the check's seed), checked three ways:
 * as they are, float arrays handed over directly; and as one had to before float blocks existed,
 * through an adapter that keeps θ in double arrays and copies it into the network's float arrays
 * on every call, checked with the defaults or with {@code withPrecision(FLOAT)}. Counted: false
 * alarms of the right gradient, and planted bugs found (the check fails and its worst failing
 * offender is in the planted bug's block). The table is printed; the direct check's numbers are
 * asserted. These networks and bugs are new to this project: nothing was tuned on them.
 */
class FloatModelsAcrossSeedsTest {

    private static final int SEEDS = 20;

    /** The block each bug is planted in. */
    private static final Map<FloatMlp.Bug, List<String>> BLOCKS = new EnumMap<>(Map.of(
            FloatMlp.Bug.OUTPUT_BIAS_TIMES_TWO, List.of("b2"),
            FloatMlp.Bug.SIGN_OF_W1_1_2, List.of("W1"),
            FloatMlp.Bug.W2_WITHOUT_ONE_OVER_M, List.of("W2"),
            FloatMlp.Bug.TANH_DERIVATIVE, List.of("W1", "b1"),
            FloatMlp.Bug.B1_0_ONE_PERCENT, List.of("b1")));

    /** A network size: inputs, hidden units, classes, examples. */
    private record Size(int inputs, int hidden, int classes, int examples) {

        FloatMlp network(long seed) {
            return new FloatMlp(seed, inputs, hidden, classes, examples);
        }

        @Override
        public String toString() {
            return inputs + "-" + hidden + "-" + classes + ", m = " + examples;
        }
    }

    /** One way of checking. */
    private record Way(String name, Function<FloatMlp, DifferentiableModel> model, GradientChecker checker) {
    }

    private static final List<Way> WAYS = List.of(
            new Way("float arrays, defaults", network -> network, GradientChecker.defaults()),
            new Way("double copy, defaults", DoubleCopy::new, GradientChecker.defaults()),
            new Way("double copy, float", DoubleCopy::new, GradientChecker.defaults().withPrecision(Precision.FLOAT)),
            new Way("float arrays, sampled", network -> network, GradientChecker.defaults().withMode(CheckMode.SAMPLED)
                    .withSamplesPerBlock(4)),
            new Way("float arrays, directions", network -> network,
                    GradientChecker.defaults().withMode(CheckMode.RANDOM_DIRECTIONS)));

    /** Counts of one way on one size. */
    private record Counts(int falseAlarms, int refused, Map<FloatMlp.Bug, Integer> found) {
    }

    private static Counts measure(Size size, Way way) {
        int falseAlarms = 0;
        int refused = 0;
        Map<FloatMlp.Bug, Integer> found = new EnumMap<>(FloatMlp.Bug.class);
        for (long seed = 1; seed <= SEEDS; seed++) {
            GradientChecker checker = way.checker().withSeed(seed);
            for (FloatMlp.Bug bug : FloatMlp.Bug.values()) {
                FloatMlp network = size.network(seed);
                network.bug = bug;
                GradientCheckReport report;
                try {
                    report = checker.check(way.model().apply(network));
                } catch (GradientCheckException e) {
                    refused++;
                    continue;
                }
                if (bug == FloatMlp.Bug.NONE) {
                    falseAlarms += report.passed() ? 0 : 1;
                } else if (found(report, BLOCKS.get(bug))) {
                    found.merge(bug, 1, Integer::sum);
                }
            }
        }
        return new Counts(falseAlarms, refused, found);
    }

    private static boolean found(GradientCheckReport report, List<String> blocks) {
        List<String> failing = report.blocks().stream().filter(block -> !block.passed()).map(BlockSummary::name).toList();
        List<Offender> offenders = report.worstOffenders().stream().filter(Offender::failing).toList();
        return !report.passed() && !offenders.isEmpty() && blocks.contains(offenders.get(0).block())
                && blocks.containsAll(failing);
    }

    @Test
    void floatNetworksAcrossSeeds() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-16s %-24s %-12s %-8s %s", "network", "checked as", "false alarms",
                "refused", "bugs found (of " + SEEDS + " each): " + String.join(", ", names())));
        List<Counts> direct = new ArrayList<>();
        for (Size size : List.of(new Size(4, 5, 3, 6), new Size(8, 16, 4, 32))) {
            for (Way way : WAYS) {
                Counts counts = measure(size, way);
                if (way.name().startsWith("float arrays")) {
                    direct.add(counts);
                }
                List<String> found = new ArrayList<>();
                for (FloatMlp.Bug bug : BLOCKS.keySet()) {
                    found.add(String.valueOf(counts.found().getOrDefault(bug, 0)));
                }
                lines.add(String.format(Locale.ROOT, "%-16s %-24s %-12s %-8s %s", size, way.name(),
                        counts.falseAlarms() + "/" + SEEDS, counts.refused(), String.join(", ", found)));
            }
        }
        System.out.println(String.join(System.lineSeparator(), lines));

        for (Counts counts : direct) {
            assertThat(counts.falseAlarms()).as(String.join("\n", lines)).isZero();
            assertThat(counts.refused()).isZero();
            assertThat(counts.found().get(FloatMlp.Bug.OUTPUT_BIAS_TIMES_TWO)).isEqualTo(SEEDS);
            assertThat(counts.found().get(FloatMlp.Bug.SIGN_OF_W1_1_2)).isEqualTo(SEEDS);
            assertThat(counts.found().get(FloatMlp.Bug.W2_WITHOUT_ONE_OVER_M)).isEqualTo(SEEDS);
            assertThat(counts.found().get(FloatMlp.Bug.TANH_DERIVATIVE)).isEqualTo(SEEDS);
        }
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (FloatMlp.Bug bug : BLOCKS.keySet()) {
            names.add(bug.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /**
     * The adapter one wrote before float blocks: θ in double arrays, copied into the network's float
     * arrays before every loss and gradient.
     */
    private static final class DoubleCopy implements DifferentiableModel {

        private final FloatMlp network;
        private final double[][] w1;
        private final double[] b1;
        private final double[][] w2;
        private final double[] b2;

        DoubleCopy(FloatMlp network) {
            this.network = network;
            w1 = widened(network.w1);
            b1 = widened(new float[][] {network.b1})[0];
            w2 = widened(network.w2);
            b2 = widened(new float[][] {network.b2})[0];
        }

        private static double[][] widened(float[][] matrix) {
            double[][] widened = new double[matrix.length][matrix[0].length];
            for (int r = 0; r < matrix.length; r++) {
                for (int c = 0; c < matrix[r].length; c++) {
                    widened[r][c] = matrix[r][c];
                }
            }
            return widened;
        }

        private static void narrow(double[][] from, float[][] to) {
            for (int r = 0; r < from.length; r++) {
                for (int c = 0; c < from[r].length; c++) {
                    to[r][c] = (float) from[r][c];
                }
            }
        }

        private void copyIn() {
            narrow(w1, network.w1);
            narrow(new double[][] {b1}, new float[][] {network.b1});
            narrow(w2, network.w2);
            narrow(new double[][] {b2}, new float[][] {network.b2});
        }

        @Override
        public ParameterArrays parameters() {
            return ParameterArrays.builder().add("W1", w1).add("b1", b1).add("W2", w2).add("b2", b2).build();
        }

        @Override
        public double loss() {
            copyIn();
            return network.loss();
        }

        @Override
        public ParameterArrays gradient() {
            copyIn();
            return network.gradient();
        }

        @Override
        public int batchSize() {
            return network.batchSize();
        }

        @Override
        public String name() {
            return "FloatMlp";
        }
    }
}
