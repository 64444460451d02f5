package io.github.gradcheck.examples;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import org.junit.jupiter.api.Test;

/** A softmax-cross-entropy loss layer checked for dJ/dlogits, with the labels a constant input. */
class SoftmaxCrossEntropyTest {

    final double[][] logits = {
        {1.0, -0.5, 0.3, 2.0},
        {-1.2, 0.4, 0.9, -0.3},
        {0.2, 0.1, -2.0, 1.1},
    };
    final int[] labels = {3, 0, 2};

    LayerInputs inputs() {
        return LayerInputs.builder().add("logits", logits).constant("labels", labels).build();
    }

    @Test
    void backwardMatchesForwardForTheLogits() {
        GradientCheckReport report = GradientChecker.defaults().check(new SoftmaxCrossEntropy(), inputs());

        assertThat(report).passes();
        // The labels are read, not differentiated: only the logits are a block.
        assertThat(report.blocks()).extracting(BlockSummary::name).containsExactly("logits");
        assertThat(labels).containsExactly(3, 0, 2);
    }

    /** The planted bug: the softmax's Jacobian with its diagonal only. Each wrong ∂y[i]/∂z[i][j] is named. */
    @Test
    void theSoftmaxJacobiansDiagonalAloneFailsOffTheLabels() {
        GradientCheckReport report = GradientChecker.defaults()
                .check(SoftmaxCrossEntropy.withTheSoftmaxJacobiansDiagonalOnly(), inputs());
        System.out.println(report);

        assertThat(report).fails().hasFailingBlocks("logits");
        // 3 outputs: the whole Jacobian is checked; example i's loss is wrong in every logit but its label's.
        assertThat(report.layer().orElseThrow().wrongJacobianEntries())
                .extracting(entry -> entry.output() + ":" + entry.element().parameter())
                .containsExactlyInAnyOrder(
                        "0:logits[0,0]", "0:logits[0,1]", "0:logits[0,2]",
                        "1:logits[1,1]", "1:logits[1,2]", "1:logits[1,3]",
                        "2:logits[2,0]", "2:logits[2,1]", "2:logits[2,3]");
        assertThat(report.layer().orElseThrow().wrongJacobianEntries())
                .allSatisfy(entry -> assertThat(entry.element().gradient()).isZero());
        assertThatThrownBy(() -> assertThat(report).passes())
                .hasMessageContaining("Expecting the backward pass of SoftmaxCrossEntropy to match the differences of its forward pass");
    }
}
