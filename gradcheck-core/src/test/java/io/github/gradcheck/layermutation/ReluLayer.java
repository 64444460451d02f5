package io.github.gradcheck.layermutation;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/** y = max(0, x) element-wise over x[4, 4]; the correct backward pass is dx = dy · [x > 0]. */
final class ReluLayer implements SuiteLayer {

    enum Bug {
        NONE,
        /** dx = dy · [x ≤ 0]: the mask inverted. */
        DX_MASK_INVERTED,
        /** dx = dy: the mask forgotten. */
        DX_WITHOUT_MASK,
        /** dx = 0.1 dy where x < 0: a leaky ReLU's derivative for a plain ReLU. */
        DX_LEAKY_SLOPE
    }

    static final int ROWS = 4;
    static final int COLS = 4;

    final double[][] x;
    private final Bug bug;

    ReluLayer(long seed, LayerVariant variant, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        x = Draws.uniform(random, ROWS, COLS, -2, 2);
        if (variant == LayerVariant.EXACT_KINKS) {
            // On the kink and within any step of it: both one-sided derivatives (0 and 1) are right there.
            x[0][0] = 0;
            x[1][2] = -0.0;
            x[2][3] = 1e-9;
            x[3][1] = -1e-9;
        }
        this.bug = bug;
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("x", x).build();
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[][] input = inputs.matrix("x");
        double[] y = new double[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                y[r * COLS + c] = Math.max(0, input[r][c]);
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[][] input = inputs.matrix("x");
        double[][] dx = new double[ROWS][COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                boolean positive = input[r][c] > 0;
                double slope = switch (bug) {
                    case DX_MASK_INVERTED -> positive ? 0 : 1;
                    case DX_WITHOUT_MASK -> 1;
                    case DX_LEAKY_SLOPE -> positive ? 1 : input[r][c] < 0 ? 0.1 : 0;
                    default -> positive ? 1 : 0;
                };
                dx[r][c] = dy[r * COLS + c] * slope;
            }
        }
        return ParameterArrays.builder().add("x", dx).build();
    }
}
