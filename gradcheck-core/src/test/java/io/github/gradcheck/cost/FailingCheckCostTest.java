package io.github.gradcheck.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.cost.SoftplusRegressor.Bug;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A failing check costs what a passing one does: a wrong block's mismatches after the first
 * {@code SCOUTS} are decided on their first look, so a failing full check takes at most 1.1 × the
 * loss evaluations of the same model without the bug, with the same verdict per block, the same
 * mismatch counts and the same diagnosis. Where the correct model's check ended after its first looks,
 * it is counted with the evidence a failing check gathers and a passing one then need not: the second
 * loss at θ, 8 for the noise and 5 per block for the Taylor tests. On a model the project had not seen (a softplus
 * regressor), at two sizes: N = 403, and N = 12,120 with a wrong block of 100 × 100.
 */
class FailingCheckCostTest {

    private static final double COST_RATIO = 1.1;

    @ParameterizedTest(name = "{0}, small")
    @EnumSource(value = Bug.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aFailingCheckOfASmallModelCostsAtMostATenthMore(Bug bug) {
        checkCostsAndVerdict(bug, 16, 20, 3, 12);
    }

    @ParameterizedTest(name = "{0}, N = 12,120")
    @EnumSource(value = Bug.class, names = {"W1_DOUBLED", "B2_FORGOT_MEAN"})
    void aFailingCheckOfALargerModelCostsAtMostATenthMore(Bug bug) {
        checkCostsAndVerdict(bug, 100, 100, 20, 4);
    }

    private static void checkCostsAndVerdict(Bug bug, int inputs, int hidden, int outputs, int batch) {
        GradientChecker checker = GradientChecker.defaults();
        GradientCheckReport correct = checker.check(new SoftplusRegressor(inputs, hidden, outputs, batch, 7, Bug.NONE));
        GradientCheckReport failing = checker.check(new SoftplusRegressor(inputs, hidden, outputs, batch, 7, bug));

        assertThat(correct.passed()).as(correct.toString()).isTrue();
        long withEvidence = correct.lossEvaluations() + (correct.noiseEstimated() ? 0 : 8 + 5L * correct.blocks().size());
        assertThat(failing.noiseEstimated()).isTrue();
        assertThat(failing.lossEvaluations()).as(failing.toString()).isLessThanOrEqualTo((long) (COST_RATIO * withEvidence));

        String wrong = SoftplusRegressor.blockOf(bug);
        BlockSummary block = failing.block(wrong);
        // Smooth with Gaussian data: no element of the correct gradient is zero, so every element of
        // the wrong block mismatches, and nothing else does.
        int from = block.offset();
        assertThat(Arrays.stream(correct.gradient(), from, from + block.size()).noneMatch(g -> g == 0)).isTrue();
        assertThat(block.mismatches()).as(failing.toString()).isEqualTo(block.size());
        assertThat(failing.mismatches()).isEqualTo(block.size());
        assertThat(failing.kinks()).isZero();
        Diagnosis diagnosis = block.diagnosis();
        switch (bug) {
            case W1_DOUBLED -> assertScaled(diagnosis, 2);
            case W2_ONE_PERCENT -> assertScaled(diagnosis, 1.01);
            case B2_FORGOT_MEAN -> assertScaled(diagnosis, batch);
            case B1_SIGN -> assertThat(diagnosis.kind()).isEqualTo(Diagnosis.Kind.SIGN_FLIPPED);
            case NONE -> throw new AssertionError("not a bug");
        }
    }

    private static void assertScaled(Diagnosis diagnosis, double factor) {
        assertThat(diagnosis.kind()).as(diagnosis.toString()).isEqualTo(Diagnosis.Kind.SCALED);
        assertThat(diagnosis.factor()).isCloseTo(factor, Offset.offset(1e-3 * factor));
    }

    /**
     * Which mismatches are scouts is fixed by their indices, not by the threads: a failing check on
     * three threads gives the report of one thread, bit for bit, at the same cost.
     */
    @Test
    void theFirstLookDecisionsAreTheSameWhateverTheNumberOfThreads() {
        GradientCheckReport serial = GradientChecker.defaults().withThreads(1)
                .check(new SoftplusRegressor(16, 20, 3, 12, 7, Bug.W1_DOUBLED));
        GradientCheckReport parallel = GradientChecker.defaults().withThreads(3)
                .check(new SoftplusRegressor(16, 20, 3, 12, 7, Bug.W1_DOUBLED));

        assertThat(parallel.blocks()).isEqualTo(serial.blocks());
        assertThat(parallel.worstOffenders()).isEqualTo(serial.worstOffenders());
        assertThat(Arrays.stream(parallel.numericGradient()).mapToLong(Double::doubleToRawLongBits).toArray())
                .containsExactly(Arrays.stream(serial.numericGradient()).mapToLong(Double::doubleToRawLongBits).toArray());
        assertThat(parallel.lossEvaluations()).isEqualTo(serial.lossEvaluations());
        assertThat(serial.block("W1").mismatches()).isEqualTo(320);
    }
}
