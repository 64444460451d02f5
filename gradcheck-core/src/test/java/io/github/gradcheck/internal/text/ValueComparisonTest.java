package io.github.gradcheck.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.Precision;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.StepSize;
import io.github.gradcheck.internal.report.Diagnoses;
import io.github.gradcheck.internal.report.ReportFactory;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import io.github.gradcheck.report.ElementVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The texts an IDE's diff viewer shows for a failed check: expected numeric, actual analytic. */
class ValueComparisonTest {

    private static final CheckSettings SETTINGS = ReportFactory.settings().step(StepSize.fixed(1e-7)).stencil(Stencil.CENTERED)
            .precision(Precision.DOUBLE).margin(10).threshold(1e-8).relativeErrorFloor(1e-8).nondeterminismTolerance(1e-10).offenders(10).seed(1)
            .mode(CheckMode.FULL).samplesPerBlock(16).threads(1).evaluationBudget(0).timeBudget(Duration.ZERO)
            .probes(3).jacobianOutputs(16).build();

    @Test
    void theWorstFailingBlockOneAlignedLinePerElement() {
        GradientCheckReport report = report(List.of(
                block("W", List.of(2, 2), 0, 0.1, 1), block("bias", List.of(2, 1), 4, 0.6, 2)),
                new double[] {1, 2, 3, 4.5, 2.0, 0.4}, new double[] {1, 2, 3, 4, 0.5, 0.1},
                List.of(offender(4, "bias", "bias[0,0]", 2.0, 0.5), offender(5, "bias", "bias[1,0]", 0.4, 0.1)));

        ValueComparison values = ValueComparison.of(report).orElseThrow();

        assertThat(values.block()).isEqualTo("bias");
        assertThat(values.expected()).isEqualTo("bias[0,0]  0.500000\nbias[1,0]  0.100000");
        assertThat(values.actual()).isEqualTo("bias[0,0]  2.00000\nbias[1,0]  0.400000");
    }

    @Test
    void labelsAreAligned() {
        GradientCheckReport report = report(List.of(block("W", List.of(11), 0, 0.5, 11), block("s", List.of(), 11, 0.1, 1)),
                ones(12, 2), ones(12, 1), List.of());

        String expected = ValueComparison.of(report).orElseThrow().expected();

        assertThat(expected.lines().toList()).hasSize(11).startsWith("W[0]   1.00000").endsWith("W[10]  1.00000");
    }

    @Test
    void aMismatchWithinSixDigitsGetsTheDigitsThatTellTheValuesApart() {
        GradientCheckReport report = report(List.of(block("w", List.of(2), 0, 1e-7, 1)),
                new double[] {1.00000002, 3}, new double[] {1.00000001, 3},
                List.of(offender(0, "w", "w[0]", 1.00000002, 1.00000001)));

        ValueComparison values = ValueComparison.of(report).orElseThrow();

        assertThat(values.expected()).isEqualTo("w[0]  1.00000001\nw[1]  3.00000");
        assertThat(values.actual()).isEqualTo("w[0]  1.00000002\nw[1]  3.00000");
    }

    @Test
    void aBlockOfMoreThanAThousandElementsShowsItsMismatchingOffendersOnly() {
        int size = 2000;
        GradientCheckReport report = report(List.of(block("E", List.of(size), 0, 0.3, 2)),
                ones(size, 1), ones(size, 1), List.of(offender(1500, "E", "E[1500]", 2, 1), offender(7, "E", "E[7]", 3, 1)));

        ValueComparison values = ValueComparison.of(report).orElseThrow();

        assertThat(values.expected()).isEqualTo("""
                E[7]     1.00000
                E[1500]  1.00000
                … 1998 more elements of E not shown: only its mismatching worst offenders are""");
    }

    @Test
    void elementsASampledCheckDidNotLookAtReadTheSameOnBothSides() {
        ValueComparison values = ValueComparison.of(io.github.gradcheck.report.summary.SampleReportsAccess.sampled()).orElseThrow();

        assertThat(values.expected().lines().toList()).containsExactly("w[0]  1.00000", "w[1]  (not checked)",
                "w[2]  (not checked)", "w[3]  1.00000", "w[4]  (not checked)", "w[5]  1.00000", "w[6]  (not checked)",
                "w[7]  (not checked)");
        assertThat(values.actual().lines().toList()).containsExactly("w[0]  1.00000", "w[1]  (not checked)",
                "w[2]  (not checked)", "w[3]  1.00000", "w[4]  (not checked)", "w[5]  2.00000", "w[6]  (not checked)",
                "w[7]  (not checked)");
    }

    @Test
    void aPassingReportHasNoComparison() {
        GradientCheckReport report = report(List.of(block("w", List.of(1), 0, 1e-9, 0)), new double[] {1}, new double[] {1},
                List.of());

        assertThat(ValueComparison.of(report)).isEmpty();
    }

    private static double[] ones(int n, double value) {
        double[] values = new double[n];
        java.util.Arrays.fill(values, value);
        return values;
    }

    private static BlockSummary block(String name, List<Integer> shape, int offset, double difference, int mismatches) {
        int size = shape.stream().reduce(1, (a, b) -> a * b);
        return ReportFactory.block().name(name).shape(shape).offset(offset).size(size).difference(difference).differenceOfMatches(difference)
                .worstRelativeError(difference).mismatches(mismatches).kinks(0).unreliable(0).diagnosis(Diagnoses.none())
                .taylor(ReportFactory.taylorTest(List.of(), List.of(), Double.NaN)).build();
    }

    private static Offender offender(int index, String block, String label, double analytic, double numeric) {
        double abs = Math.abs(analytic - numeric);
        return ReportFactory.offender().index(index).block(block).position(List.of()).parameter(label).gradient(analytic)
                .numericGradient(numeric).absoluteError(abs).relativeError(abs / (Math.abs(analytic) + Math.abs(numeric)))
                .estimatedError(1e-10).verdict(ElementVerdict.MISMATCH).build();
    }

    private static GradientCheckReport report(List<BlockSummary> blocks, double[] analytic, double[] numeric,
                                              List<Offender> offenders) {
        return ReportFactory.report().modelName("M").settings(SETTINGS).mode(CheckMode.FULL).loss(1).noise(1e-16)
                .difference(0.1).differenceOfMatches(0).differenceOfMismatches(0.1).checkedElements(analytic.length).blocks(blocks)
                .worstOffenders(new ArrayList<>(offenders))
                .gradient(analytic).numericGradient(numeric).lossEvaluations(1).gradientEvaluations(2)
                .fullCheckEvaluations(2L * analytic.length).duration(Duration.ZERO).build();
    }
}
