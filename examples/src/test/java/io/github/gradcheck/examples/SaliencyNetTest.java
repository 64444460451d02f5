package io.github.gradcheck.examples;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A whole model checked for dJ/dX as well as its parameters: the model declares X with
 * {@code ParameterArrays.builder().input("X", X)} and its gradient() returns an "X" block too.
 */
class SaliencyNetTest {

    final Random random = new Random(3);
    final double[][] x = gaussian(6, 4);
    final double[] labels = {1, 0, 0, 1, 1, 0};
    final double[][] w1 = gaussian(5, 4);
    final double[] b1 = gaussian(1, 5)[0];
    final double[] w2 = gaussian(1, 5)[0];
    final double[] b2 = {0.1};

    double[][] gaussian(int rows, int cols) {
        double[][] values = new double[rows][cols];
        for (double[] row : values) {
            for (int c = 0; c < cols; c++) {
                row[c] = 0.8 * random.nextGaussian();
            }
        }
        return values;
    }

    @Test
    void theInputGradientIsCheckedAsItsOwnBlock() {
        double[][] before = x.clone();
        GradientCheckReport report = GradientChecker.defaults().check(new SaliencyNet(x, labels, w1, b1, w2, b2));

        assertThat(report).passes();
        assertThat(report.blocks()).extracting(BlockSummary::name).containsExactly("W1", "b1", "w2", "b2", "X");
        assertThat(report.blocks()).extracting(BlockSummary::isInput).containsExactly(false, false, false, false, true);
        assertThat(x).isDeepEqualTo(before);
    }

    /** The planted bug: dX without the batch mean's 1/m. Only the input block fails, by a factor m = 6. */
    @Test
    void dxWithoutTheMeanFailsInTheInputBlockOnly() {
        GradientCheckReport report = GradientChecker.defaults()
                .check(new SaliencyNet(x, labels, w1, b1, w2, b2).withoutTheMeanInDx());
        System.out.println(report);

        assertThat(report).fails().hasFailingBlocks("X").hasWorstOffenderIn("X");
        assertThat(report.block("X").diagnosis().factor()).isCloseTo(6, org.assertj.core.data.Offset.offset(1e-6));
        assertThatThrownBy(() -> assertThat(report).passes())
                .hasMessageContaining("Expecting the analytic gradient of SaliencyNet to match its numeric gradient")
                .hasMessageContaining("X[");
    }
}
