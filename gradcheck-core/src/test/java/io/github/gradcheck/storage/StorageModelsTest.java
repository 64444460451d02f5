package io.github.gradcheck.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A model whose weights live in an off-heap DoubleBuffer, or column-major in a flat array, is
 * checked through an {@code ElementStorage} in place: the same report, bit for bit, as the same
 * model over Java arrays, with the same number of loss evaluations (nothing copies θ into the
 * model per evaluation), and a bug named at its row-major label.
 */
class StorageModelsTest {

    private static final int EXAMPLES = 7;

    static Stream<SoftmaxRegression> storedElsewhere() {
        return Stream.of(new SoftmaxRegression.InBuffer(5, EXAMPLES), new SoftmaxRegression.ColumnMajor(5, EXAMPLES));
    }

    @ParameterizedTest
    @MethodSource("storedElsewhere")
    void theRightGradientPassesWithTheReportOfTheSameModelOverArrays(SoftmaxRegression model) {
        GradientCheckReport reference = GradientChecker.defaults().check(new SoftmaxRegression.InArrays(5, EXAMPLES));

        GradientCheckReport report = GradientChecker.defaults().check(model);

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.numericGradient()).containsExactly(reference.numericGradient());
        assertThat(report.gradient()).containsExactly(reference.gradient());
        assertThat(report.noise()).isEqualTo(reference.noise());
        assertThat(report.lossEvaluations()).isEqualTo(reference.lossEvaluations());
        assertThat(report.gradientEvaluations()).isEqualTo(reference.gradientEvaluations());
    }

    @ParameterizedTest
    @MethodSource("storedElsewhere")
    void aWrongElementIsNamedAtItsRowMajorLabel(SoftmaxRegression model) {
        model.bugAtW12 = true;

        GradientCheckReport report = GradientChecker.defaults().check(model);

        assertThat(report.passed()).isFalse();
        assertThat(report.blocks()).filteredOn(block -> !block.passed()).extracting(BlockSummary::name).containsExactly("W");
        List<Offender> failing = report.worstOffenders().stream().filter(Offender::failing).toList();
        assertThat(failing).extracting(Offender::parameter).containsExactly("W[1,2]");
        assertThat(failing.get(0).position()).containsExactly(1, 2);
    }

    @ParameterizedTest
    @MethodSource("storedElsewhere")
    void theWeightsAreLeftBitForBitAsTheyWere(SoftmaxRegression model) {
        double[] before = model.parameters().toVector();
        model.bugAtW12 = true;

        GradientChecker.defaults().check(model);

        assertThat(model.parameters().toVector()).containsExactly(before);
    }
}
