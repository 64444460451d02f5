package io.github.gradcheck.heldoutlayers;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/**
 * A 1-D depthwise convolution with stride 2 and no padding: x of 2 channels × 9 positions, one
 * kernel of width 3 per channel (K 2×3) and a bias per channel,
 * y[c, t] = b[c] + Σₖ K[c, k] x[c, 2t + k], t = 0…3 (2×4 outputs).
 */
final class DepthwiseConv1dLayer implements HeldOutLayer {

    /** The backward passes a person might write instead. */
    enum Bug {
        /** dx scattered to x[c, t + k], the stride forgotten. */
        DX_IGNORES_STRIDE,
        /** dx with the kernel flipped, K[c, 2 − k]. */
        DX_KERNEL_FLIPPED,
        /** dx with channel 0's kernel for both channels. */
        DX_FIRST_CHANNEL_KERNEL,
        /** dx's loop over output positions stops one short: the last window gets no gradient. */
        DX_LAST_WINDOW_SKIPPED,
        /** dK gathered from x[c, t + k], the stride forgotten. */
        DK_IGNORES_STRIDE,
        /** db averaged over the output positions instead of summed. */
        DB_AVERAGED
    }

    static final int CHANNELS = 2;
    static final int LENGTH = 9;
    static final int WIDTH = 3;
    static final int STRIDE = 2;
    static final int OUT = (LENGTH - WIDTH) / STRIDE + 1;

    final double[] x;
    final double[][] kernel;
    final double[] bias;
    private final Bug bug;

    DepthwiseConv1dLayer(long seed, Variant variant, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        x = Draws.uniform(random, CHANNELS * LENGTH, -2, 2);
        kernel = Draws.uniform(random, CHANNELS, WIDTH, -1, 1);
        bias = Draws.uniform(random, CHANNELS, -0.5, 0.5);
        this.bug = bug;
    }

    @Override
    public String name() {
        return "DepthwiseConv1d" + (bug == null ? "" : "[" + bug + "]");
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("x", x, CHANNELS, LENGTH).build();
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("K", kernel).add("b", bias).build();
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[] in = inputs.vector("x");
        double[] y = new double[CHANNELS * OUT];
        for (int c = 0; c < CHANNELS; c++) {
            for (int t = 0; t < OUT; t++) {
                double sum = bias[c];
                for (int k = 0; k < WIDTH; k++) {
                    sum += kernel[c][k] * in[c * LENGTH + STRIDE * t + k];
                }
                y[c * OUT + t] = sum;
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[] in = inputs.vector("x");
        double[] dx = new double[CHANNELS * LENGTH];
        double[][] dk = new double[CHANNELS][WIDTH];
        double[] db = new double[CHANNELS];
        for (int c = 0; c < CHANNELS; c++) {
            for (int t = 0; t < OUT; t++) {
                double g = dy[c * OUT + t];
                db[c] += bug == Bug.DB_AVERAGED ? g / OUT : g;
                for (int k = 0; k < WIDTH; k++) {
                    int read = bug == Bug.DK_IGNORES_STRIDE ? t + k : STRIDE * t + k;
                    dk[c][k] += g * in[c * LENGTH + read];
                    if (bug == Bug.DX_LAST_WINDOW_SKIPPED && t == OUT - 1) {
                        continue;
                    }
                    int write = bug == Bug.DX_IGNORES_STRIDE ? t + k : STRIDE * t + k;
                    double weight = bug == Bug.DX_KERNEL_FLIPPED ? kernel[c][WIDTH - 1 - k]
                            : bug == Bug.DX_FIRST_CHANNEL_KERNEL ? kernel[0][k] : kernel[c][k];
                    dx[c * LENGTH + write] += weight * g;
                }
            }
        }
        return ParameterArrays.builder().add("x", dx, CHANNELS, LENGTH).add("K", dk).add("b", db).build();
    }
}
