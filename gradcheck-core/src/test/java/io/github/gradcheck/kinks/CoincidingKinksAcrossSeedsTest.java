package io.github.gradcheck.kinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.summary.CheckRecord;
import io.github.gradcheck.report.summary.RunSummary;
import io.github.gradcheck.report.summary.SummaryJson;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The coinciding-kink judgement must not depend on the seed, and must not let a cheap mode pass a
 * bug the full check finds. Both failed in review: a jitter of one magnitude with random signs
 * cancels on inputs like (1, 1), leaving the kinks together for about half the seeds (the correct
 * {@link ReluPairAtZero} failed at 9 of 20); and a cheap mode skipped its directions for a block
 * whose only mismatches were kinks not yet judged.
 */
class CoincidingKinksAcrossSeedsTest {

    private static final List<Long> SEEDS = LongStream.rangeClosed(1, 20).boxed().toList();

    @Test
    void correctModelsAtCoincidingKinksPassWhateverTheSeed() {
        for (long seed : SEEDS) {
            GradientChecker checker = GradientChecker.defaults().withSeed(seed);
            assertThat(checker.check(new ReluPairAtZero(ReluPairAtZero.Bug.NONE)).passed()).as("ReLU pair, seed %d", seed).isTrue();
            assertThat(checker.check(new HardtanhOnBounds(HardtanhOnBounds.Bug.NONE)).passed()).as("hardtanh, seed %d", seed)
                    .isTrue();
            assertThat(checker.check(new KinkRowsNet(30, 28, -1, 1)).passed()).as("kink rows, seed %d", seed).isTrue();
        }
    }

    @Test
    void bugsNextToCoincidingKinksFailWhateverTheSeed() {
        for (long seed : SEEDS) {
            GradientChecker checker = GradientChecker.defaults().withSeed(seed);
            for (ReluPairAtZero.Bug bug : List.of(ReluPairAtZero.Bug.KINKED_ROW_DOUBLED, ReluPairAtZero.Bug.NEGATIVE_SIDE_NOT_ZERO)) {
                assertThat(checker.check(new ReluPairAtZero(bug)).passed()).as("%s, seed %d", bug, seed).isFalse();
            }
            for (HardtanhOnBounds.Bug bug : List.of(HardtanhOnBounds.Bug.INSIDE_DOUBLED, HardtanhOnBounds.Bug.SATURATED_NOT_ZERO)) {
                assertThat(checker.check(new HardtanhOnBounds(bug)).passed()).as("%s, seed %d", bug, seed).isFalse();
            }
        }
    }

    @Test
    void theReportAndItsJsonCountTheElementsJudgedAtAJitteredPoint() {
        GradientCheckReport report = GradientChecker.defaults().check(new ReluPairAtZero(ReluPairAtZero.Bug.NONE));

        assertThat(report.passed()).isTrue();
        assertThat(report.jitteredElements()).isPositive();
        assertThat(report.blocks()).extracting(BlockSummary::kinks).anySatisfy(kinks -> assertThat(kinks).isPositive());
        assertThat(SummaryJson.write(new RunSummary(List.of(CheckRecord.of("pair", report)))))
                .contains("\"jitteredElements\": " + report.jitteredElements() + ",");
    }

    @Test
    void everyModeFindsABugInASmoothRowBesideRowsAtCoincidingKinks() {
        assertFindsTheBug(GradientChecker.defaults(), "full");
        for (long seed = 1; seed <= 6; seed++) {
            assertFindsTheBug(GradientChecker.defaults().withMode(CheckMode.SAMPLED).withSamplesPerBlock(4).withSeed(seed),
                    "sampled, seed " + seed);
            assertFindsTheBug(GradientChecker.defaults().withMode(CheckMode.RANDOM_DIRECTIONS).withSeed(seed),
                    "random directions, seed " + seed);
        }
    }

    private static void assertFindsTheBug(GradientChecker checker, String what) {
        GradientCheckReport report = checker.check(new KinkRowsNet(30, 28, 29, 0.5));
        assertThat(report.passed()).as("%s%n%s", what, report).isFalse();
        assertThat(report.blocks()).filteredOn(block -> !block.passed()).extracting(BlockSummary::name).as(what).containsExactly("W");
        assertThat(report.worstOffenders().get(0).parameter()).as(what).isEqualTo("W[29,0]");
    }
}
