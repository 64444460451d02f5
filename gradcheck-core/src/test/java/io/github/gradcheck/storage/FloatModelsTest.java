package io.github.gradcheck.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.Precision;
import io.github.gradcheck.StepSize;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A network computed in float, its parameters and gradient in float arrays, checked as it is:
 * with float's steps (nobody chose a precision), the right gradient passes and planted bugs fail
 * in the block and at the element where they are.
 */
class FloatModelsTest {

    private static FloatMlp network() {
        return new FloatMlp(1, 4, 5, 3, 6);
    }

    private static List<String> failingBlocks(GradientCheckReport report) {
        return report.blocks().stream().filter(block -> !block.passed()).map(BlockSummary::name).toList();
    }

    @Test
    void theRightGradientPassesWithFloatSteps() {
        GradientCheckReport report = GradientChecker.defaults().check(network());

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.settings().precision()).isEqualTo(Precision.FLOAT);
        assertThat(report.settings().step()).isEqualTo(StepSize.relative(Precision.FLOAT.defaultRelativeStep()));
        assertThat(report.blocks()).allSatisfy(block -> assertThat(block.mismatches()).isZero());
        // What a double model of this layout costs where every element matches with the least noise: 2N element
        // evaluations and 2 at θ.
        int n = network().parameters().layout().size();
        assertThat(report.lossEvaluations()).isEqualTo(2L * n + 2);
        assertThat(report.gradientEvaluations()).isEqualTo(2);
        assertThat(report.toString()).contains("εᵢ = 0.00391 · max(|θᵢ|, 1) (float precision); centered differences");
    }

    @Test
    void aDoubledBiasGradientFailsInItsBlock() {
        FloatMlp model = network();
        model.bug = FloatMlp.Bug.OUTPUT_BIAS_TIMES_TWO;

        GradientCheckReport report = GradientChecker.defaults().check(model);

        assertThat(report.passed()).isFalse();
        assertThat(failingBlocks(report)).containsExactly("b2");
        assertThat(report.worstOffenders()).filteredOn(Offender::failing).extracting(Offender::block).containsOnly("b2");
    }

    @Test
    void oneElementWithItsSignFlippedIsTheOnlyOffender() {
        FloatMlp model = network();
        model.bug = FloatMlp.Bug.SIGN_OF_W1_1_2;

        GradientCheckReport report = GradientChecker.defaults().check(model);

        assertThat(failingBlocks(report)).containsExactly("W1");
        assertThat(report.worstOffenders()).filteredOn(Offender::failing).extracting(Offender::parameter)
                .containsExactly("W1[1,2]");
        assertThat(report.worstOffenders().get(0).numericGradient())
                .isCloseTo(-report.worstOffenders().get(0).gradient(), org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void aChosenPrecisionIsKept() {
        GradientCheckReport report = GradientChecker.defaults().withPrecision(Precision.DOUBLE).check(network());

        assertThat(report.settings().precision()).isEqualTo(Precision.DOUBLE);
        assertThat(report.blocks()).allSatisfy(block -> assertThat(block.mismatches()).isZero());
    }

    @Test
    void aDoubleModelStaysDouble() {
        GradientCheckReport report = GradientChecker.defaults().check(new SoftmaxRegression.InArrays(3, 8));

        assertThat(report.settings().precision()).isEqualTo(Precision.DOUBLE);
    }

    @Test
    void aReplayedReportChecksInTheSamePrecision() {
        GradientCheckReport report = GradientChecker.defaults().check(network());

        GradientCheckReport replayed = GradientChecker.with(report.settings()).check(network());

        assertThat(replayed.settings()).isEqualTo(report.settings());
        assertThat(replayed.numericGradient()).containsExactly(report.numericGradient());
    }

    @Test
    void aFixedStepBelowAFloatUlpIsTakenAsOneUlpAndNeverDividesByZero() {
        // ε = 1e-12 is far below a float's ulp at every parameter of magnitude above 1e-5: each
        // step rounds to no move at all, and is taken as one ulp instead.
        GradientCheckReport report = GradientChecker.defaults().withEpsilon(1e-12).check(network());

        assertThat(Arrays.stream(report.numericGradient()).allMatch(Double::isFinite)).as(report + Arrays.toString(report.numericGradient())).isTrue();
        assertThat(report.blocks()).allSatisfy(block -> assertThat(block.mismatches()).isZero());
    }

    @Test
    void aWrongActivationDerivativeFailsTheFirstLayerOnly() {
        FloatMlp model = network();
        model.bug = FloatMlp.Bug.TANH_DERIVATIVE;

        GradientCheckReport report = GradientChecker.defaults().check(model);

        assertThat(failingBlocks(report)).containsExactlyInAnyOrder("W1", "b1");
    }
}
