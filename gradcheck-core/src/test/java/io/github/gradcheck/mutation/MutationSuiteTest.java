package io.github.gradcheck.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.internal.text.DiagnosisText;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.Diagnosis.Kind;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Measures the verdict of {@link GradientChecker#defaults()}: every mutant must be detected, with
 * its worst offender in a mutated block, and no correct model (standard or numerically hard) may
 * raise an alarm. Each mutant and each model/variant/seed is its own test case, so a failure names
 * exactly the case the verdict gets wrong. The expected diagnoses ({@link Mutant#expected()}) are
 * data for a diagnosing verdict; nothing here asserts on them yet.
 */
class MutationSuiteTest {

    /** Seeds per model type and variant for the false-alarm count. */
    static final int SEEDS = 20;

    private static final GradientChecker CHECKER = GradientChecker.defaults();

    static List<Mutant> mutants() {
        return Mutants.all();
    }

    /** Every mutant a numeric check can see: all but ReLU' at an exact 0 (see {@link #atAnExactKinkTheChoiceOfSubgradientIsNotABug}). */
    static List<Mutant> visibleMutants() {
        return Mutants.all().stream().filter(MutationSuiteTest::visibleToNumericChecks).toList();
    }

    static boolean visibleToNumericChecks(Mutant mutant) {
        return mutant.bugClass() != BugClass.RELU_DERIVATIVE_AT_ZERO;
    }

    /** The mutants whose diagnosis the verdict must get right: scale, sign, zero, transpose, shift, L2. */
    static List<Mutant> diagnosableMutants() {
        return visibleMutants().stream().filter(m -> switch (m.expected().diagnosis()) {
            case SCALED, SIGN_FLIPPED, ZERO, TRANSPOSED, SHIFTED, REGULARIZATION -> true;
            default -> false;
        }).toList();
    }

    /** One correct model at one seed. */
    record Case(ModelType type, Variant variant, long seed) {
        @Override
        public String toString() {
            return type + "/" + variant + "/seed " + seed;
        }
    }

    static Stream<Case> correctCases() {
        List<Case> cases = new ArrayList<>();
        for (ModelType type : ModelType.values()) {
            for (Variant variant : type.falseAlarmVariants()) {
                for (long seed = 1; seed <= SEEDS; seed++) {
                    cases.add(new Case(type, variant, seed));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("visibleMutants")
    void mutantIsDetected(Mutant mutant) {
        GradientCheckReport report = CHECKER.check(mutant.model());
        assertThat(report.passed())
                .as("%s (%s, expected %s) passed, overall difference %.3g%n%s",
                        mutant, mutant.bugClass(), mutant.expected(), report.difference(), report)
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("visibleMutants")
    void worstOffenderIsInAMutatedBlock(Mutant mutant) {
        GradientCheckReport report = CHECKER.check(mutant.model());
        assertThat(report.worstOffenders()).as("%s has no offender at all", mutant).isNotEmpty();
        Offender worst = report.worstOffenders().get(0);
        assertThat(worst.block())
                .as("%s mutates %s but its worst offender is %s (relative error %.3g, failing %s)", mutant,
                        mutant.blocks(), worst.parameter(), worst.relativeError(), worst.failing())
                .isIn(mutant.blocks());
    }

    /**
     * Each mutated block that mismatches is diagnosed as the bug is: the kind, and the fitted factor,
     * λ or shift where there is one.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("diagnosableMutants")
    void diagnosisNamesTheKindOfBug(Mutant mutant) {
        GradientCheckReport report = CHECKER.check(mutant.model());
        List<BlockSummary> diagnosed = mismatchingMutatedBlocks(mutant, report);
        assertThat(diagnosed).as("%s: no mutated block mismatches%n%s", mutant, report).isNotEmpty();
        for (BlockSummary block : diagnosed) {
            assertThat(diagnosisMatches(mutant.expected(), block))
                    .as("%s, expected %s, block %s: %s%n%s", mutant, mutant.expected(), block.name(),
                            DiagnosisText.sentence(block, report.mode()), report)
                    .isTrue();
        }
    }

    static List<BlockSummary> mismatchingMutatedBlocks(Mutant mutant, GradientCheckReport report) {
        return report.blocks().stream().filter(block -> mutant.blocks().contains(block.name()) && !block.passed()).toList();
    }

    /** Whether a diagnosable mutant got the right diagnosis on every mutated block that mismatches. */
    static boolean diagnosedRight(Mutant mutant, GradientCheckReport report) {
        List<BlockSummary> blocks = mismatchingMutatedBlocks(mutant, report);
        return !blocks.isEmpty() && blocks.stream().allMatch(block -> diagnosisMatches(mutant.expected(), block));
    }

    /**
     * The kind, and the fitted factor, λ or shift where there is one. A single-element block fits
     * every one-parameter pattern, so there the diagnosis must say it cannot tell.
     */
    static boolean diagnosisMatches(Expected expected, BlockSummary block) {
        io.github.gradcheck.report.Diagnosis diagnosis = block.diagnosis();
        if (block.size() == 1) {
            return diagnosis.kind() == Kind.UNEXPLAINED && DiagnosisText.sentence(block, CheckMode.FULL).contains("one value cannot tell");
        }
        return switch (expected.diagnosis()) {
            case SCALED -> (diagnosis.kind() == Kind.SCALED || diagnosis.kind() == Kind.SIGN_FLIPPED)
                    && Math.abs(diagnosis.factor() - expected.factor()) <= 1e-3 * Math.abs(expected.factor());
            case SIGN_FLIPPED -> diagnosis.kind() == Kind.SIGN_FLIPPED;
            case ZERO -> diagnosis.kind() == Kind.ZERO;
            case TRANSPOSED -> diagnosis.kind() == Kind.TRANSPOSED;
            // g[(i + shift) mod size] = n[i] reads as analytic[k] ≈ numeric[k − shift].
            case SHIFTED -> diagnosis.kind() == Kind.SHIFTED && diagnosis.shift() == -expected.shift();
            case REGULARIZATION -> diagnosis.kind() == Kind.REGULARIZATION
                    && Math.abs(diagnosis.lambda() - expected.regularization()) <= 1e-3 * Math.abs(expected.regularization());
            default -> throw new IllegalArgumentException("not a diagnosable kind: " + expected);
        };
    }

    /**
     * ReLU' taken as 1 instead of 0 at a pre-activation of exactly 0: both are valid one-sided
     * derivatives there, the numeric slope is their mean, and no numeric check can prefer one. The
     * check must say so (a kink) rather than fail either backward pass.
     */
    @Test
    void atAnExactKinkTheChoiceOfSubgradientIsNotABug() {
        List<Mutant> invisible = Mutants.all().stream().filter(m -> !visibleToNumericChecks(m)).toList();
        assertThat(invisible).isNotEmpty();
        for (Mutant mutant : invisible) {
            GradientCheckReport report = CHECKER.check(mutant.model());
            assertThat(report.passed()).as("%s%n%s", mutant, report).isTrue();
            assertThat(report.kinks()).as("%s%n%s", mutant, report).isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correctCases")
    void correctModelPasses(Case c) {
        GradientCheckReport report = CHECKER.check(c.type().correct(c.seed(), c.variant()));
        assertThat(report.passed())
                .as("false alarm on the correct %s: overall difference %.3g, loss %.3g%n%s",
                        c, report.difference(), report.loss(), report)
                .isTrue();
    }

    /** The detection table and the false-alarm counts, printed; the test asserts only their shape. */
    @Test
    void detectionTable() {
        List<Mutant> mutants = mutants();
        Map<BugClass, int[]> rows = new EnumMap<>(BugClass.class);   // total, detected, localised, diagnosable, diagnosed
        List<Mutant> diagnosable = diagnosableMutants();
        Map<Variant, int[]> byVariant = new EnumMap<>(Variant.class);
        StringBuilder details = new StringBuilder(String.format(Locale.ROOT, "%-58s %-30s %-10s %-9s %s%n",
                "mutant", "expected", "difference", "detected", "worst offender"));
        for (Mutant mutant : mutants) {
            GradientCheckReport report = CHECKER.check(mutant.model());
            boolean detected = !report.passed();
            Offender worst = report.worstOffenders().isEmpty() ? null : report.worstOffenders().get(0);
            boolean localised = worst != null && mutant.blocks().contains(worst.block());
            int[] row = rows.computeIfAbsent(mutant.bugClass(), k -> new int[5]);
            row[0]++;
            row[1] += detected ? 1 : 0;
            row[2] += localised ? 1 : 0;
            if (diagnosable.contains(mutant)) {
                row[3]++;
                row[4] += diagnosedRight(mutant, report) ? 1 : 0;
            }
            int[] variantRow = byVariant.computeIfAbsent(mutant.variant(), k -> new int[3]);
            variantRow[0]++;
            variantRow[1] += detected ? 1 : 0;
            variantRow[2] += localised ? 1 : 0;
            details.append(String.format(Locale.ROOT, "%-58s %-30s %-10.3g %-9s %s%s%n", mutant, mutant.expected(),
                    report.difference(), detected ? "yes" : "NO", worst == null ? "none" : worst.parameter(),
                    localised ? "" : "  (outside " + mutant.blocks() + ")"));
        }

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n|---|---:|---:|---:|---:|%n",
                "bug class", "mutants", "detected", "worst offender in a mutated block", "diagnosed right"));
        int total = 0;
        int detected = 0;
        int localised = 0;
        int diagnosed = 0;
        for (Map.Entry<BugClass, int[]> row : rows.entrySet()) {
            int[] counts = row.getValue();
            table.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s |%n", row.getKey(), counts[0], counts[1],
                    counts[2], counts[3] == 0 ? "—" : counts[4] + " of " + counts[3]));
            total += counts[0];
            detected += counts[1];
            localised += counts[2];
            diagnosed += counts[4];
        }
        table.append(String.format(Locale.ROOT, "| all | %d | %d | %d | %d of %d |%n", total, detected, localised,
                diagnosed, diagnosable.size()));
        StringBuilder variants = new StringBuilder(String.format(Locale.ROOT, "%-28s %8s %9s %27s%n",
                "variant", "mutants", "detected", "worst offender in mutated"));
        for (Map.Entry<Variant, int[]> row : byVariant.entrySet()) {
            int[] counts = row.getValue();
            variants.append(String.format(Locale.ROOT, "%-28s %8d %9d %27d%n", row.getKey(), counts[0], counts[1], counts[2]));
        }

        StringBuilder alarms = new StringBuilder(String.format(Locale.ROOT, "%-12s %-18s %6s %13s %18s%n",
                "model", "variant", "seeds", "false alarms", "largest difference"));
        int cases = 0;
        int falseAlarms = 0;
        int alarmRows = 0;
        for (ModelType type : ModelType.values()) {
            for (Variant variant : type.falseAlarmVariants()) {
                int count = 0;
                double largest = 0;
                for (long seed = 1; seed <= SEEDS; seed++) {
                    GradientCheckReport report = CHECKER.check(type.correct(seed, variant));
                    count += report.passed() ? 0 : 1;
                    largest = Math.max(largest, report.difference());
                    cases++;
                }
                falseAlarms += count;
                alarmRows++;
                alarms.append(String.format(Locale.ROOT, "%-12s %-18s %6d %13d %18.3g%n", type, variant, SEEDS, count, largest));
            }
        }
        alarms.append(String.format(Locale.ROOT, "%-12s %-18s %6d %13d%n", "all", "", cases, falseAlarms));

        System.out.println();
        System.out.println("Mutants under GradientChecker.defaults() (" + CHECKER.settings() + ")");
        System.out.println(details);
        System.out.println("Detection by bug class");
        System.out.println(table);
        System.out.println("Detection by variant");
        System.out.println(variants);
        System.out.println("False alarms on correct models");
        System.out.println(alarms);

        assertThat(rows.keySet()).as("one row per bug class that has mutants")
                .containsExactlyInAnyOrderElementsOf(mutants.stream().map(Mutant::bugClass).distinct().toList());
        assertThat(total).isEqualTo(mutants.size());
        assertThat(byVariant.values().stream().mapToInt(row -> row[0]).sum()).isEqualTo(mutants.size());
        assertThat(detected).isBetween(0, total);
        assertThat(localised).isBetween(0, total);
        assertThat(diagnosed).isBetween(0, diagnosable.size());
        assertThat(cases).isEqualTo(correctCases().count()).isEqualTo((long) alarmRows * SEEDS);
        assertThat(falseAlarms).isBetween(0, cases);
    }
}
