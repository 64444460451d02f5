package io.github.gradcheck.heldout;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The held-out evaluation's models, kept as regression tests. They were written by a separate
 * pass that read only the public API, and first run against a verdict that had never seen them
 * (results in the README); two changes followed, so they are no longer held out. These tests keep
 * what the verdict now does on them: no false alarm on any correct model, also at exact double
 * kinks (judged at a jittered point since issue 11), and every planted bug detected in its
 * ordinary and summed-loss forms with its worst offender in a block the bug changes.
 */
class HeldoutRegressionTest {

    private static final GradientChecker CHECKER = GradientChecker.defaults();
    private static final int SEEDS = 20;
    private static final int MUTANT_SEEDS = 5;
    /** A max-pool tie and a hinge margin exactly at zero in one image: two kinks crossed at once. */
    private static final String EXACT_DOUBLE_KINKS = "kinkexact";

    record Case(String model, String variant, long seed) {
        @Override
        public String toString() {
            return model + "/" + variant + "/seed " + seed;
        }
    }

    record MutantCase(Heldout.Mutant mutant, String variant, long seed) {
        @Override
        public String toString() {
            return mutant.id() + " " + mutant.description() + "/" + variant + "/seed " + seed;
        }
    }

    static Stream<Case> correctCases() {
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : Heldout.VARIANTS.entrySet()) {
            for (String variant : entry.getValue()) {
                if (!variant.equals(EXACT_DOUBLE_KINKS)) {
                    for (long seed = 1; seed <= SEEDS; seed++) {
                        cases.add(new Case(entry.getKey(), variant, seed));
                    }
                }
            }
        }
        return cases.stream();
    }

    /** Every mutant in its ordinary and summed-loss forms, where it changes the gradient at all. */
    static Stream<MutantCase> mutantCases() {
        List<MutantCase> cases = new ArrayList<>();
        for (Heldout.Mutant mutant : Heldout.mutants()) {
            for (String variant : List.of("ordinary", "bigsum")) {
                for (long seed = 1; seed <= MUTANT_SEEDS; seed++) {
                    if (!Oracle.expectations(mutant, seed, variant).isEmpty()) {
                        cases.add(new MutantCase(mutant, variant, seed));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correctCases")
    void correctModelPasses(Case c) {
        GradientCheckReport report = CHECKER.check(Heldout.create(c.model(), c.seed(), c.variant()));

        assertThat(report.passed()).as("false alarm on the correct %s%n%s", c, report).isTrue();
    }

    /**
     * Where a max-pool tie and a hinge margin sit exactly at zero together, a kernel element crosses
     * two kinks at once and the backward pass's choice of subgradients can lie outside both
     * one-sided slopes. That used to fail 8 of these 20 correct models; judged again at a jittered
     * point, where the kinks no longer coincide, none fails.
     */
    @Test
    void atExactDoubleKinksNoCorrectModelFails() {
        int alarms = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            GradientCheckReport report = CHECKER.check(Heldout.create("ConvPoolHingeNet", seed, EXACT_DOUBLE_KINKS));
            if (!report.passed()) {
                alarms++;
                assertThat(report.blocks()).filteredOn(block -> !block.passed()).extracting(BlockSummary::name)
                        .as("seed %d%n%s", seed, report).isSubsetOf("K0", "K1");
            }
        }
        assertThat(alarms).as("false alarms at exact double kinks, of %d", SEEDS).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutantCases")
    void mutantIsDetectedWithItsWorstOffenderInAChangedBlock(MutantCase c) {
        Map<String, Oracle.Acceptable> changed = Oracle.expectations(c.mutant(), c.seed(), c.variant());
        GradientCheckReport report = CHECKER.check(c.mutant().build(c.seed(), c.variant()));

        assertThat(report.passed()).as("%s passed%n%s", c, report).isFalse();
        assertThat(report.worstOffenders().get(0).block()).as("%s%n%s", c, report).isIn(changed.keySet());
    }
}
