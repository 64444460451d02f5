package io.github.gradcheck.layermutation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.JacobianEntry;
import io.github.gradcheck.report.LayerResult;
import io.github.gradcheck.report.Offender;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Measures layer checks with {@link GradientChecker#defaults()}: every mutant must be detected,
 * also by random probes alone, with its worst offender in a mutated block; a mutant wrong in one
 * element must have exactly its wrong Jacobian entries named when the whole Jacobian is checked;
 * and no correct layer (exact ReLU kinks and max-pool ties included) may raise an alarm. Each
 * mutant and each layer/variant/seed is its own test case, so that a failure names the case.
 */
class LayerMutationSuiteTest {

    /** Seeds per layer type and variant for the false-alarm count. */
    static final int SEEDS = 20;

    private static final GradientChecker DEFAULTS = GradientChecker.defaults();
    /** Random probes only, whatever the number of outputs: the mode of every layer with more than 16 outputs. */
    private static final GradientChecker RANDOM_PROBES = GradientChecker.defaults().withJacobianOutputs(0);
    /** The whole Jacobian, whatever the number of outputs. */
    private static final GradientChecker WHOLE_JACOBIAN = GradientChecker.defaults().withJacobianOutputs(Integer.MAX_VALUE);

    static List<LayerMutant> mutants() {
        return LayerMutants.all();
    }

    static List<LayerMutant> singleElementMutants() {
        return LayerMutants.all().stream().filter(LayerMutant::isSingleElement).toList();
    }

    /** One correct layer at one seed. */
    record Case(LayerType type, LayerVariant variant, long seed) {
        SuiteLayer layer() {
            return type.correct(seed, variant);
        }

        @Override
        public String toString() {
            return type + "/" + variant + "/seed " + seed;
        }
    }

    static Stream<Case> allCorrectCases() {
        List<Case> cases = new ArrayList<>();
        for (LayerType type : LayerType.values()) {
            for (LayerVariant variant : type.falseAlarmVariants()) {
                for (long seed = 1; seed <= SEEDS; seed++) {
                    cases.add(new Case(type, variant, seed));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Case> correctCases() {
        return allCorrectCases();
    }

    /**
     * Logits of order 30 with the label the largest by far: that example's loss −log p[t] is about
     * 1.5e-12, and p[t] = 1 − 1.5e-12 is rounded to a multiple of 1.1e-16, so the loss moves in steps
     * of about 1.1e-16: 7e-5 of itself. This suite found it as a false alarm: the noise estimate's
     * span (about 1e-11 relative) lay inside one step, the loss did not change at all there, σ came
     * out near 1e-28, and the steps' error in the quotient (≈ 1.1e-16 / 2ε ≈ 4e-13) was called a
     * mismatch. The estimate now widens its span until the loss moves (at most to ε) and measures
     * the steps as the noise they are; the elements they swamp are unreliable, not wrong.
     */
    @Test
    void aLossThatMovesInStepsHasItsStepsMeasuredAsNoiseNotReportedAsBugs() {
        Case c = new Case(LayerType.SOFTMAX_CROSS_ENTROPY, LayerVariant.HARD_INPUTS, 17);
        GradientCheckReport report = check(DEFAULTS, c.layer());
        assertThat(report.passed()).as("%s%n%s", c, report).isTrue();
        assertThat(report.warnings()).anySatisfy(warning -> assertThat(warning).contains("it moves in steps"));
        assertThat(report.noise()).isGreaterThan(1e-18);
        assertThat(report.unreliable()).isPositive();
    }

    static GradientCheckReport check(GradientChecker checker, SuiteLayer layer) {
        return checker.check(layer, layer.inputs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void mutantIsDetected(LayerMutant mutant) {
        GradientCheckReport report = check(DEFAULTS, mutant.layer());
        assertThat(report.passed()).as("%s (%s) passed, overall difference %.3g%n%s", mutant, mutant.scope(),
                report.difference(), report).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void mutantIsDetectedByRandomProbesAlone(LayerMutant mutant) {
        GradientCheckReport report = check(RANDOM_PROBES, mutant.layer());
        assertThat(report.layer().orElseThrow().wholeJacobian()).isFalse();
        assertThat(report.passed()).as("%s (%s) passed with %d random probes, overall difference %.3g%n%s", mutant,
                mutant.scope(), report.layer().orElseThrow().probes(), report.difference(), report).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void worstOffenderIsInAMutatedBlock(LayerMutant mutant) {
        GradientCheckReport report = check(DEFAULTS, mutant.layer());
        assertThat(report.worstOffenders()).as("%s has no offender at all", mutant).isNotEmpty();
        Offender worst = report.worstOffenders().get(0);
        assertThat(worst.block()).as("%s mutates %s but its worst offender is %s (relative error %.3g, failing %s)%n%s",
                mutant, mutant.blocks(), worst.parameter(), worst.relativeError(), worst.failing(), report)
                .isIn(mutant.blocks());
        for (BlockSummary block : report.blocks()) {
            if (!mutant.blocks().contains(block.name())) {
                assertThat(block.passed()).as("%s: block %s is not mutated but fails%n%s", mutant, block.name(), report)
                        .isTrue();
            }
        }
    }

    /**
     * A bug in one element j of a gradient block is wrong in the Jacobian entries ∂y[i]/∂j for which
     * the correct entry is not zero: computed here by calling the buggy and the correct backward
     * pass with every basis vector. The whole-Jacobian check must name exactly those entries.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("singleElementMutants")
    void wholeJacobianNamesTheWrongEntries(LayerMutant mutant) {
        GradientCheckReport report = check(WHOLE_JACOBIAN, mutant.layer());
        LayerResult layer = report.layer().orElseThrow();
        Set<String> named = named(layer);
        Set<String> wrong = wrongEntries(mutant);
        assertThat(wrong).as("%s changes no Jacobian entry", mutant).isNotEmpty()
                .allSatisfy(entry -> assertThat(entry).endsWith("/" + mutant.singleElement()));
        assertThat(layer.wholeJacobian()).isTrue();
        assertThat(named).as("%s: the wrong entries are %s%n%s", mutant, wrong, report).isEqualTo(wrong);
    }

    /** The named entries as "output/element". */
    static Set<String> named(LayerResult layer) {
        Set<String> named = new LinkedHashSet<>();
        for (JacobianEntry entry : layer.wrongJacobianEntries()) {
            named.add(entry.output() + "/" + entry.element().parameter());
        }
        return named;
    }

    /** The entries ∂y[i]/∂(element) where the buggy backward pass differs from the correct one, as "i/element". */
    static Set<String> wrongEntries(LayerMutant mutant) {
        SuiteLayer buggy = mutant.layer();
        SuiteLayer correct = mutant.correctLayer();
        int outputs = correct.forward(correct.inputs()).length;
        Set<String> wrong = new LinkedHashSet<>();
        for (int i = 0; i < outputs; i++) {
            double[] basis = new double[outputs];
            basis[i] = 1;
            ParameterArrays right = correct.backward(correct.inputs(), basis);
            double[] expected = right.toVector();
            double[] actual = buggy.backward(buggy.inputs(), basis.clone()).toVector();
            for (int j = 0; j < expected.length; j++) {
                if (Math.abs(actual[j] - expected[j]) > 1e-12 * Math.max(1, Math.abs(expected[j]))) {
                    wrong.add(i + "/" + right.layout().label(j));
                }
            }
        }
        return wrong;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correctCases")
    void correctLayerPasses(Case c) {
        GradientCheckReport report = check(DEFAULTS, c.layer());
        assertThat(report.passed()).as("false alarm on the correct %s: overall difference %.3g%n%s", c,
                report.difference(), report).isTrue();
        if (c.variant() == LayerVariant.EXACT_KINKS) {
            // It passes because the elements on the kinks are recognised as such, not because nothing was seen.
            assertThat(report.kinks()).as("%s%n%s", c, report).isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correctCases")
    void correctLayerPassesWithRandomProbes(Case c) {
        GradientCheckReport report = check(RANDOM_PROBES, c.layer());
        assertThat(report.passed()).as("false alarm on the correct %s with random probes: overall difference %.3g%n%s", c,
                report.difference(), report).isTrue();
    }

    /**
     * The cost of a layer check of a smooth correct layer with N input and parameter elements in B
     * blocks and P probes: forward calls = 2 at the given inputs (the determinism contract) + 2N for
     * the element differences, shared by all probes + per probe 2 at θ, 8 for the noise estimate and
     * 5 per block for the Taylor test; backward calls = 2 per probe (its gradient, and again for
     * determinism) + 1 for the linearity contract, + 1 more when there is only one probe to combine.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("smoothLayers")
    void callCountsAreTwoNForwardCallsSharedByAllProbes(LayerType type) {
        for (GradientChecker checker : List.of(DEFAULTS, RANDOM_PROBES.withProbes(1), RANDOM_PROBES, WHOLE_JACOBIAN)) {
            SuiteLayer layer = type.correct(1, LayerVariant.STANDARD);
            GradientCheckReport report = check(checker, layer);
            LayerResult result = report.layer().orElseThrow();
            long n = report.blocks().stream().mapToLong(BlockSummary::size).sum();
            long blocks = report.blocks().size();
            long probes = result.probes();
            assertThat(report.passed()).as("%s", report).isTrue();
            assertThat(probes).isEqualTo(result.wholeJacobian() ? result.outputs() : checker.settings().probes());
            // Each probe: 2 at θ, and 8 + 5B more where its elements do not all match with the least noise (README, "How the verdict is reached").
            long estimated = result.probesWithNoiseEstimate();
            assertThat(estimated).isBetween(0L, probes);
            assertThat(result.forwardCalls()).as("%s with %s", type, result)
                    .isEqualTo(2 + 2 * n + 2 * probes + estimated * (8 + 5 * blocks));
            assertThat(result.backwardCalls()).as("%s with %s", type, result).isEqualTo(2 * probes + 1 + (probes == 1 ? 1 : 0));
        }
    }

    static List<LayerType> smoothLayers() {
        return List.of(LayerType.CONV2D, LayerType.BATCH_NORM, LayerType.SOFTMAX_CROSS_ENTROPY, LayerType.ATTENTION,
                LayerType.DENSE_BATCH);
    }

    @Test
    void catalogueHasThirtyBugsAtLeastHalfOfThemInDxOnly() {
        List<LayerMutant> standard = mutants().stream().filter(m -> m.variant() == LayerVariant.STANDARD).toList();
        assertThat(standard).hasSizeGreaterThanOrEqualTo(30);
        assertThat(standard.stream().filter(m -> m.scope() == LayerMutant.Scope.INPUTS_ONLY).count() * 2)
                .isGreaterThanOrEqualTo(standard.size());
        assertThat(standard.stream().filter(m -> m.scope() == LayerMutant.Scope.PARAMETERS_ONLY)).isNotEmpty();
        assertThat(standard.stream().map(LayerMutant::type).distinct()).hasSizeGreaterThanOrEqualTo(5);
        // Each declared scope is what the backward pass does: the other gradients equal the correct layer's.
        for (LayerMutant mutant : mutants()) {
            for (String entry : wrongEntries(mutant)) {
                String element = entry.substring(entry.indexOf('/') + 1);
                assertThat(element.substring(0, element.indexOf('['))).as("%s: %s", mutant, entry).isIn(mutant.blocks());
            }
        }
    }

    /** The detection table, the false alarms and the call counts, printed; the test asserts only their totals' shape. */
    @Test
    void detectionTable() {
        Map<LayerType, int[]> rows = new EnumMap<>(LayerType.class);   // mutants, dx only, parameters only, detected,
        // detected by random probes, localised, single element, entries named
        StringBuilder details = new StringBuilder(String.format(Locale.ROOT, "%-46s %-16s %-10s %-9s %-9s %s%n",
                "mutant", "scope", "difference", "detected", "probes", "worst offender"));
        for (LayerMutant mutant : mutants()) {
            GradientCheckReport report = check(DEFAULTS, mutant.layer());
            GradientCheckReport probed = check(RANDOM_PROBES, mutant.layer());
            Offender worst = report.worstOffenders().isEmpty() ? null : report.worstOffenders().get(0);
            boolean localised = worst != null && mutant.blocks().contains(worst.block());
            int[] row = rows.computeIfAbsent(mutant.type(), k -> new int[8]);
            row[0]++;
            row[1] += mutant.scope() == LayerMutant.Scope.INPUTS_ONLY ? 1 : 0;
            row[2] += mutant.scope() == LayerMutant.Scope.PARAMETERS_ONLY ? 1 : 0;
            row[3] += report.passed() ? 0 : 1;
            row[4] += probed.passed() ? 0 : 1;
            row[5] += localised ? 1 : 0;
            if (mutant.isSingleElement()) {
                row[6]++;
                row[7] += named(check(WHOLE_JACOBIAN, mutant.layer()).layer().orElseThrow()).equals(wrongEntries(mutant)) ? 1 : 0;
            }
            details.append(String.format(Locale.ROOT, "%-46s %-16s %-10.3g %-9s %-9s %s%n", mutant, mutant.scope(),
                    report.difference(), report.passed() ? "NO" : "yes", probed.passed() ? "NO" : "yes",
                    worst == null ? "none" : worst.parameter() + (localised ? "" : "  (outside " + mutant.blocks() + ")")));
        }
        StringBuilder table = new StringBuilder("| layer | mutants | dx only | parameters only | detected | detected by 3 random"
                + " probes alone | worst offender in a mutated block | single-element: wrong Jacobian entries named |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        int[] all = new int[8];
        for (Map.Entry<LayerType, int[]> row : rows.entrySet()) {
            table.append(tableRow(row.getKey().toString(), row.getValue()));
            for (int k = 0; k < all.length; k++) {
                all[k] += row.getValue()[k];
            }
        }
        table.append(tableRow("all", all));

        StringBuilder alarms = new StringBuilder("| layer | variant | seeds | false alarms (defaults) | false alarms (random"
                + " probes) | largest difference |\n|---|---|---:|---:|---:|---:|\n");
        int cases = 0;
        int falseAlarms = 0;
        for (LayerType type : LayerType.values()) {
            for (LayerVariant variant : type.falseAlarmVariants()) {
                int byDefaults = 0;
                int byProbes = 0;
                double largest = 0;
                for (long seed = 1; seed <= SEEDS; seed++) {
                    Case c = new Case(type, variant, seed);
                    GradientCheckReport report = check(DEFAULTS, c.layer());
                    GradientCheckReport probed = check(RANDOM_PROBES, c.layer());
                    byDefaults += report.passed() ? 0 : 1;
                    byProbes += probed.passed() ? 0 : 1;
                    largest = Math.max(largest, Math.max(report.difference(), probed.difference()));
                    cases += 2;
                }
                falseAlarms += byDefaults + byProbes;
                alarms.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.2g |%n", type, variant, SEEDS,
                        byDefaults, byProbes, largest));
            }
        }

        StringBuilder calls = new StringBuilder("| layer | N | outputs | probes | forward calls | 2N | forward − 2N |"
                + " backward calls |\n|---|---:|---:|---|---:|---:|---:|---:|\n");
        for (LayerType type : LayerType.values()) {
            for (GradientChecker checker : List.of(DEFAULTS, RANDOM_PROBES.withProbes(1), WHOLE_JACOBIAN)) {
                GradientCheckReport report = check(checker, type.correct(1, LayerVariant.STANDARD));
                LayerResult result = report.layer().orElseThrow();
                long n = report.blocks().stream().mapToLong(BlockSummary::size).sum();
                calls.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %d | %d | %d |%n", type, n,
                        result.outputs(), result.probes() + (result.wholeJacobian() ? " (whole Jacobian)" : " random"),
                        result.forwardCalls(), 2 * n, result.forwardCalls() - 2 * n, result.backwardCalls()));
            }
        }

        System.out.println();
        System.out.println("Layer mutants under GradientChecker.defaults() and with random probes only (" + DEFAULTS.settings() + ")");
        System.out.println(details);
        System.out.println("Detection by layer");
        System.out.println(table);
        System.out.println("False alarms on correct layers");
        System.out.println(alarms);
        System.out.println("Calls of a layer check (correct layers, seed 1)");
        System.out.println(calls);

        assertThat(all[0]).isEqualTo(mutants().size());
        assertThat(all[1] + all[2]).isEqualTo(all[0]);
        assertThat(all[6]).isEqualTo(singleElementMutants().size());
        assertThat(cases).isEqualTo(2 * allCorrectCases().count());
        assertThat(falseAlarms).isBetween(0, cases);
    }

    private static String tableRow(String name, int[] counts) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %s |%n", name, counts[0], counts[1], counts[2],
                counts[3], counts[4], counts[5], counts[6] == 0 ? "—" : counts[7] + " of " + counts[6]);
    }
}
