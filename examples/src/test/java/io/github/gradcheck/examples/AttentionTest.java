package io.github.gradcheck.examples;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Single-head attention checked for its three inputs Q, K and V, each its own block. */
class AttentionTest {

    final Random random = new Random(11);
    final double[][] q = gaussian(4, 3);
    final double[][] k = gaussian(4, 3);
    final double[][] v = gaussian(4, 2);

    double[][] gaussian(int rows, int cols) {
        double[][] values = new double[rows][cols];
        for (double[] row : values) {
            for (int c = 0; c < cols; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return values;
    }

    LayerInputs inputs() {
        return LayerInputs.builder().add("Q", q).add("K", k).add("V", v).build();
    }

    @Test
    void backwardMatchesForwardForQueriesKeysAndValues() {
        GradientCheckReport report = GradientChecker.defaults().check(new Attention(), inputs());

        assertThat(report).passes();
        assertThat(report.blocks()).extracting(BlockSummary::name).containsExactly("Q", "K", "V");
        assertThat(report.blocks()).allSatisfy(block -> assertThat(block.isInput()).isTrue());
    }

    /** The planted bug: dQ from dK's formula. K and V pass; Q fails. */
    @Test
    void dqFromDksFormulaFailsInTheQueriesOnly() {
        GradientCheckReport report = GradientChecker.defaults().check(Attention.withDqFromDksFormula(), inputs());
        System.out.println(report);

        assertThat(report).fails().hasFailingBlocks("Q").hasWorstOffenderIn("Q");
        assertThat(report).block("K").passes();
        assertThat(report).block("V").passes();
        assertThatThrownBy(() -> assertThat(report).passes())
                .hasMessageContaining("Expecting the backward pass of Attention to match the differences of its forward pass")
                .hasMessageContaining("Q[");
    }
}
