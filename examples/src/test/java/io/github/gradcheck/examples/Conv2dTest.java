package io.github.gradcheck.examples;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.LayerResult;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A 2-D convolution (2 input channels, 3 output channels, 3×3 kernel, padding 1) checked on its
 * own for dJ/dx, dJ/dK and dJ/db. Its 75 outputs are more than the whole-Jacobian default of 16,
 * so it is checked along 3 random upstream gradients dy, which share the 2N forward calls.
 */
class Conv2dTest {

    static final int IN = 2;
    static final int OUT = 3;
    static final int SIZE = 3;
    static final int SIDE = 5;

    final Random random = new Random(7);
    final double[] x = gaussian(IN * SIDE * SIDE);
    final double[] kernel = gaussian(OUT * IN * SIZE * SIZE);
    final double[] bias = gaussian(OUT);

    double[] gaussian(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    LayerInputs inputs() {
        return LayerInputs.builder().add("x", x, IN, SIDE, SIDE).build();
    }

    @Test
    void backwardMatchesForwardForTheImageTheKernelAndTheBias() {
        GradientCheckReport report = GradientChecker.defaults().check(new Conv2d(kernel, bias, IN, SIZE, 1), inputs());

        assertThat(report).passes();
        assertThat(report.blocks()).extracting(BlockSummary::name).containsExactly("x", "K", "b");
        LayerResult layer = report.layer().orElseThrow();
        assertThat(layer.wholeJacobian()).isFalse();
        assertThat(layer.probes()).isEqualTo(3);
        int n = x.length + kernel.length + bias.length;
        // 2 at the given inputs, 2N for the element differences, once for all probes, and per probe
        // 2 at θ; a probe whose elements did not all match with the least noise the loss can have also
        // takes 8 for the noise estimate and 5 per block for the Taylor test. Backward: 2 per
        // probe, 1 for the linearity contract.
        assertThat(layer.forwardCalls()).isEqualTo(2 + 2L * n + 6 + layer.probesWithNoiseEstimate() * (8 + 5 * 3));
        assertThat(layer.backwardCalls()).isEqualTo(3 * 2 + 1);
    }

    /** The planted bug: the kernel not flipped in dx. K and b pass; x fails. */
    @Test
    void aKernelNotFlippedInDxFailsInTheImageOnly() {
        GradientCheckReport report = GradientChecker.defaults()
                .check(Conv2d.withKernelNotFlippedInDx(kernel, bias, IN, SIZE, 1), inputs());
        System.out.println(report);

        assertThat(report).fails().hasFailingBlocks("x").hasWorstOffenderIn("x");
        assertThat(report).block("K").passes();
        assertThatThrownBy(() -> assertThat(report).passes())
                .hasMessageContaining("Expecting the backward pass of Conv2d to match the differences of its forward pass")
                .hasMessageContaining("x[");
    }
}
