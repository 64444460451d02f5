package io.github.gradcheck.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue is right about its own mutants, judged on analytic gradients alone (the mutant's
 * against the correct model's, same data and parameters), so that the detection suite measures
 * the verdict and not mistakes in the data: each bug changes exactly the blocks it names, and the
 * expected diagnosis describes the change exactly.
 */
class MutantCatalogueTest {

    /**
     * How exactly a pattern must hold, relative to the block's gradient. Most hold to round-off;
     * the loosest is the extra σ' on tiny parameters, a factor ¼ on dw only up to its L2 term, 1e-6
     * of the gradient.
     */
    private static final double PATTERN_TOLERANCE = 1e-5;

    static List<Mutant> mutants() {
        return Mutants.all();
    }

    @Test
    void catalogueCoversEveryModelTypeAndBugClassWithUniqueNames() {
        List<Mutant> mutants = mutants();
        assertThat(mutants).hasSizeGreaterThanOrEqualTo(40);
        assertThat(mutants.stream().map(Mutant::type).distinct()).containsExactlyInAnyOrder(ModelType.values());
        assertThat(mutants.stream().map(Mutant::bugClass).distinct()).containsExactlyInAnyOrder(BugClass.values());
        assertThat(mutants.stream().map(Mutant::toString)).doesNotHaveDuplicates();
        assertThat(Mutants.declared().stream().map(m -> m.type() + "/" + m.bug())).doesNotHaveDuplicates();
        assertThat(Mutants.declared()).hasSizeGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void bugIsDetectableInPrincipleOrDocumentedAsNot(Mutant mutant) {
        double ratio = Detectability.ratio(mutant);
        if (MutationSuiteTest.visibleToNumericChecks(mutant)) {
            assertThat(ratio)
                    .as("%s changes its blocks by this many times the numeric gradient's own error there", mutant)
                    .isGreaterThanOrEqualTo(Mutants.DETECTABLE);
        } else {
            // ReLU' at exactly 0: the numeric slope there is ½, as far from the correct backward pass (0)
            // as from the mutant (1), so no numeric check can tell them apart.
            assertThat(ratio).as("%s is as close to the numeric gradient as the correct model", mutant)
                    .isLessThan(Mutants.DETECTABLE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void bugChangesExactlyTheNamedBlocks(Mutant mutant) {
        Gradients g = Gradients.of(mutant);
        Set<String> changed = new HashSet<>();
        for (ParameterBlock block : g.layout.blocks()) {
            if (g.changed(block)) {
                changed.add(block.name());
            }
        }
        assertThat(changed).as("%s changes these blocks", mutant).containsExactlyInAnyOrderElementsOf(mutant.blocks());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void expectedDiagnosisDescribesTheChange(Mutant mutant) {
        Gradients g = Gradients.of(mutant);
        Expected expected = mutant.expected();
        int changedElements = 0;
        for (String name : mutant.blocks()) {
            ParameterBlock block = g.layout.block(name);
            double[] bad = g.mutant(block);
            double[] good = g.correct(block);
            double[] theta = g.theta(block);
            double[] predicted = switch (expected.diagnosis()) {
                case SCALED -> map(good, v -> expected.factor() * v);
                case SIGN_FLIPPED -> map(good, v -> -v);
                case ZERO -> new double[good.length];
                case TRANSPOSED -> transposed(good, block.shape());
                case SHIFTED -> shifted(good, expected.shift());
                case REGULARIZATION -> {
                    double[] p = good.clone();
                    for (int i = 0; i < p.length; i++) {
                        p[i] += expected.regularization() * theta[i];
                    }
                    yield p;
                }
                case FEW_ELEMENTS, NONE_EXPECTED -> null;
            };
            if (predicted != null) {
                assertThat(ModelVerificationTest.norm(bad, predicted, 0, bad.length))
                        .as("%s block %s is %s of the correct gradient", mutant, name, expected)
                        .isLessThanOrEqualTo(PATTERN_TOLERANCE * (ModelVerificationTest.norm(good, null, 0, good.length)
                                + ModelVerificationTest.norm(bad, null, 0, bad.length)));
            }
            if (expected.diagnosis() == Diagnosis.ZERO) {
                assertThat(ModelVerificationTest.norm(good, null, 0, good.length)).as("the zeroed block's true gradient").isPositive();
            }
            for (int i = 0; i < bad.length; i++) {
                changedElements += Math.abs(bad[i] - good[i]) > 1e-12 * (Math.abs(good[i]) + 1e-12) ? 1 : 0;
            }
        }
        if (expected.diagnosis() == Diagnosis.FEW_ELEMENTS) {
            assertThat(changedElements).as("%s changes one to three elements", mutant).isBetween(1, 3);
        }
        if (expected.diagnosis() == Diagnosis.NONE_EXPECTED) {
            // Not a scale factor either (sign and zero are factors −1 and 0): fit one over the mutated blocks.
            double dot = 0;
            double squared = 0;
            for (String name : mutant.blocks()) {
                ParameterBlock block = g.layout.block(name);
                double[] bad = g.mutant(block);
                double[] good = g.correct(block);
                for (int i = 0; i < bad.length; i++) {
                    dot += bad[i] * good[i];
                    squared += good[i] * good[i];
                }
            }
            double factor = squared == 0 ? 0 : dot / squared;
            double residual = 0;
            double size = 0;
            for (String name : mutant.blocks()) {
                ParameterBlock block = g.layout.block(name);
                double[] bad = g.mutant(block);
                double[] good = g.correct(block);
                for (int i = 0; i < bad.length; i++) {
                    residual += Math.pow(bad[i] - factor * good[i], 2);
                    size += bad[i] * bad[i];
                }
            }
            assertThat(Math.sqrt(residual)).as("%s is not just the correct gradient times %.6g", mutant, factor)
                    .isGreaterThan(1e-3 * Math.sqrt(size));
            assertThat(changedElements).as("%s changes more than one element", mutant).isGreaterThan(1);
        }
    }

    /** The analytic gradients of a mutant and of its correct model, and the parameters, in θ's order. */
    private record Gradients(ParameterLayout layout, double[] mutant, double[] correct, double[] theta) {

        static Gradients of(Mutant mutant) {
            DifferentiableModel bad = mutant.model();
            DifferentiableModel good = mutant.correctModel();
            double[] theta = good.parameters().toVector();
            assertThat(bad.parameters().toVector()).as("same parameters").containsExactly(theta);
            return new Gradients(good.parameters().layout(), bad.gradient().toVector(), good.gradient().toVector(), theta);
        }

        double[] mutant(ParameterBlock block) {
            return Arrays.copyOfRange(mutant, block.offset(), block.offset() + block.size());
        }

        double[] correct(ParameterBlock block) {
            return Arrays.copyOfRange(correct, block.offset(), block.offset() + block.size());
        }

        double[] theta(ParameterBlock block) {
            return Arrays.copyOfRange(theta, block.offset(), block.offset() + block.size());
        }

        /** Whether the bug moved the block by more than round-off. */
        boolean changed(ParameterBlock block) {
            double[] bad = mutant(block);
            double[] good = correct(block);
            double scale = ModelVerificationTest.norm(good, null, 0, good.length) + ModelVerificationTest.norm(bad, null, 0, bad.length);
            return ModelVerificationTest.norm(bad, good, 0, bad.length) > 1e-9 * scale;
        }
    }

    private static double[] map(double[] a, DoubleUnaryOperator f) {
        return Arrays.stream(a).map(f).toArray();
    }

    private static double[] transposed(double[] a, int[] shape) {
        assertThat(shape).hasSize(2);
        assertThat(shape[0]).as("a transposed block is square").isEqualTo(shape[1]);
        int n = shape[0];
        double[] t = new double[a.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                t[k * n + i] = a[i * n + k];
            }
        }
        return t;
    }

    private static double[] shifted(double[] a, int shift) {
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            s[Math.floorMod(i + shift, a.length)] = a[i];
        }
        return s;
    }
}
