package io.github.gradcheck.examples;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.junit.ModelUnderTest;
import io.github.gradcheck.report.GradientCheckReport;

/**
 * Column-major weights checked in place. The right gradient passes; a slip in the gradient of
 * W[1,2] is reported as W[1,2], although the array keeps that element at position 1 + 3·2 = 7,
 * which a row-major reading of a 3×4 block would call W[1,3].
 */
class ColumnMajorTanhRegressionTest {

    @ModelUnderTest
    ColumnMajorTanhRegression regression = ColumnMajorTanhRegression.correct();

    @ModelUnderTest
    ColumnMajorTanhRegression withSlip = ColumnMajorTanhRegression.withSlipAt(1, 2);

    @GradientCheck(model = "regression")
    void theRightGradientPasses(GradientCheckReport report) {
        assertThat(report).passes();
        assertThat(report.block("W").shape()).containsExactly(3, 4);
    }

    @GradientCheck(model = "withSlip")
    void aSlipIsReportedAtItsRowMajorLabel(GradientCheckReport report) {
        assertThat(report).fails().hasFailingBlocks("W");
        assertThat(report.mismatches()).isEqualTo(1);
        assertThat(report.worstOffenders().get(0).parameter()).isEqualTo("W[1,2]");
        assertThat(report.worstOffenders().get(0).index()).isEqualTo(1 * 4 + 2);   // θ is numbered row-major too
    }

    @GradientCheck(model = "regression")
    void theArrayIsLeftAsItWas(ColumnMajorTanhRegression checked) {
        assertThat(checked.w).containsExactly(ColumnMajorTanhRegression.correct().w);
    }
}
