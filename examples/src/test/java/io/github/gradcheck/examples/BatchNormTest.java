package io.github.gradcheck.examples;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.JacobianEntry;
import org.junit.jupiter.api.Test;

/**
 * A batch-norm layer in training mode checked on its own, for dJ/dx as well as dJ/dγ and dJ/dβ:
 * the mean and variance terms of dx are exactly what a check of γ and β alone never sees.
 */
class BatchNormTest {

    final double[][] x = {
        {0.5, -1.2, 2.0},
        {1.5, 0.3, -0.7},
        {-0.4, 0.9, 0.1},
        {0.8, -2.1, 1.4},
    };
    final double[] gamma = {1.2, 0.7, -0.9};
    final double[] beta = {0.1, -0.3, 0.5};

    @Test
    void backwardMatchesForwardForTheInputAndTheParameters() {
        GradientCheckReport report = GradientChecker.defaults()
                .check(new BatchNorm(gamma, beta), LayerInputs.builder().add("x", x).build());

        assertThat(report).passes();
        assertThat(report.blocks()).extracting(BlockSummary::name).containsExactly("x", "gamma", "beta");
        assertThat(report.block("x").isInput()).isTrue();
        // 12 outputs: few enough for the whole Jacobian, one basis vector dy per output.
        assertThat(report.layer().orElseThrow().wholeJacobian()).isTrue();
    }

    /** The planted bug: dx without −mean(dy). γ and β pass; x fails, and the report says where. */
    @Test
    void dxWithoutItsMeanTermFailsInXOnly() {
        GradientCheckReport report = GradientChecker.defaults()
                .check(BatchNorm.withoutTheMeanTermInDx(gamma, beta), LayerInputs.builder().add("x", x).build());
        System.out.println(report);

        assertThat(report).fails().hasFailingBlocks("x").hasWorstOffenderIn("x");
        // Every x[i,j] is wrong in ∂y[k,j]/∂x[i,j] for the rows k of its own column: j = 0 feeds outputs 0, 3, 6, 9.
        assertThat(report.layer().orElseThrow().wrongJacobianEntries())
                .filteredOn(entry -> entry.element().parameter().equals("x[1,0]"))
                .extracting(JacobianEntry::output).containsExactlyInAnyOrder(0, 3, 6, 9);
        AssertionError failure = catchThrowableOfType(() -> assertThat(report).passes(), AssertionError.class);
        System.out.println(failure.getMessage());
        assertThat(failure).hasMessageContaining("Expecting the backward pass of BatchNorm to match the differences of its forward pass")
                .hasMessageContaining("x[1,0]");
    }
}
