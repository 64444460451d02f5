package io.github.gradcheck.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.Precision;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import org.junit.jupiter.api.Test;

/**
 * Float weights, a loss computed in double, checked with double's steps by choice
 * ({@code withPrecision(DOUBLE)}): a step of 4.8e-6 is only about 40 float ulps, so θ + t·d lands
 * up to 1 % away from where a direction meant. The directional checks and Taylor tests use the move
 * actually made; over 20 seeds in every mode the right gradient passes and a wrong element is named.
 */
class FloatWeightsDoubleLossTest {

    private static final int SEEDS = 20;

    @Test
    void noFalseAlarmAndTheBugFoundInEveryMode() {
        for (CheckMode mode : CheckMode.values()) {
            int falseAlarms = 0;
            int found = 0;
            int contradictingTaylorTests = 0;
            long evaluations = 0;
            for (long seed = 1; seed <= SEEDS; seed++) {
                GradientChecker checker = GradientChecker.defaults().withPrecision(Precision.DOUBLE).withMode(mode)
                        .withSeed(seed);
                GradientCheckReport right = checker.check(new SoftmaxRegression.InFloats(seed, 9));
                falseAlarms += right.passed() ? 0 : 1;
                evaluations += right.lossEvaluations();
                contradictingTaylorTests += (int) right.blocks().stream().filter(block -> block.taylor().contradicts()).count();
                SoftmaxRegression.InFloats buggy = new SoftmaxRegression.InFloats(seed, 9);
                buggy.bugAtW12 = true;
                GradientCheckReport wrong = checker.check(buggy);
                found += wrong.worstOffenders().stream().filter(Offender::failing).map(Offender::parameter).toList()
                        .equals(java.util.List.of("W[1,2]")) ? 1 : 0;
            }
            System.out.println("float weights, double loss, " + mode + ": false alarms " + falseAlarms + "/" + SEEDS
                    + ", W[1,2] named alone " + found + "/" + SEEDS + ", contradicting Taylor tests " + contradictingTaylorTests + ", loss evaluations of the right model "
                    + evaluations);
            assertThat(falseAlarms).as(mode.toString()).isZero();
            assertThat(found).as(mode.toString()).isEqualTo(SEEDS);
            assertThat(contradictingTaylorTests).as(mode.toString()).isZero();
        }
    }
}
