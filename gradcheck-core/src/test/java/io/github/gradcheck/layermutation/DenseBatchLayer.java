package io.github.gradcheck.layermutation;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/**
 * A dense layer over a batch with a broadcast bias: X[m, n], W[o, n], b[o], Y = X Wᵀ + b (b added
 * to every row). The correct backward pass: dX = dY W, dW = dYᵀ X, db = Σ over the rows of dY.
 */
final class DenseBatchLayer implements SuiteLayer {

    enum Bug {
        NONE,
        /** dX = dY Wᵀ: W used without its transpose (W is square here, so the shapes fit). */
        DX_MISSING_TRANSPOSE,
        /** dX divided by the batch size m, as if the layer averaged over the batch. */
        DX_AVERAGED_OVER_BATCH,
        /** dX[2, 1] gets Y[2, 0]'s contribution 1.5 times: one Jacobian entry wrong, ∂Y[2, 0]/∂X[2, 1]. */
        DX_ONE_ENTRY,
        /** db = dY[0]: the broadcast bias's gradient not summed over the batch. */
        DB_NOT_SUMMED_OVER_BATCH,
        /** db averaged over the batch instead of summed. */
        DB_AVERAGED_OVER_BATCH,
        /** dW = Xᵀ dY: the transposed product. */
        DW_TRANSPOSED,
        /** One element of dW, W[1, 2], scaled by 1.5. */
        DW_ONE_ELEMENT
    }

    static final int BATCH = 4;
    static final int IN = 3;
    static final int OUT = 3;
    /** The output Y[2, 0] and the element X[2, 1] of the one wrong entry of {@link Bug#DX_ONE_ENTRY}. */
    static final int ENTRY_OUTPUT = 2 * OUT;

    final double[][] x;
    final double[][] w;
    final double[] b;
    private final Bug bug;

    DenseBatchLayer(long seed, LayerVariant variant, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        double scale = variant == LayerVariant.HARD_INPUTS ? 1e3 : 1;
        x = Draws.uniform(random, BATCH, IN, -2 * scale, 2 * scale);
        w = Draws.uniform(random, OUT, IN, -1 / scale, 1 / scale);
        b = Draws.uniform(random, OUT, -1, 1);
        this.bug = bug;
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("X", x).build();
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W", w).add("b", b).build();
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[][] input = inputs.matrix("X");
        double[] y = new double[BATCH * OUT];
        for (int r = 0; r < BATCH; r++) {
            for (int o = 0; o < OUT; o++) {
                double sum = b[o];
                for (int i = 0; i < IN; i++) {
                    sum += input[r][i] * w[o][i];
                }
                y[r * OUT + o] = sum;
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[][] input = inputs.matrix("X");
        double[][] dx = new double[BATCH][IN];
        double[][] dw = new double[OUT][IN];
        double[] db = new double[OUT];
        for (int r = 0; r < BATCH; r++) {
            for (int o = 0; o < OUT; o++) {
                double g = dy[r * OUT + o];
                for (int i = 0; i < IN; i++) {
                    double weight = bug == Bug.DX_MISSING_TRANSPOSE ? w[i][o] : w[o][i];
                    double entry = g * weight / (bug == Bug.DX_AVERAGED_OVER_BATCH ? BATCH : 1);
                    dx[r][i] += bug == Bug.DX_ONE_ENTRY && r * OUT + o == ENTRY_OUTPUT && i == 1 ? 1.5 * entry : entry;
                    if (bug == Bug.DW_TRANSPOSED) {
                        dw[i][o] += input[r][i] * g;
                    } else {
                        dw[o][i] += g * input[r][i];
                    }
                }
                db[o] += switch (bug) {
                    case DB_NOT_SUMMED_OVER_BATCH -> r == 0 ? g : 0;
                    case DB_AVERAGED_OVER_BATCH -> g / BATCH;
                    default -> g;
                };
            }
        }
        if (bug == Bug.DW_ONE_ELEMENT) {
            dw[1][2] *= 1.5;
        }
        return ParameterArrays.builder().add("X", dx).add("W", dw).add("b", db).build();
    }
}
