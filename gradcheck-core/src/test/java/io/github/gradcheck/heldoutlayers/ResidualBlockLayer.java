package io.github.gradcheck.heldoutlayers;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/**
 * A residual block over a batch of 2: y = x + W₂ relu(W₁ x), x 2×4, W₁ 3×4, W₂ 4×3. In the
 * exact-kink variant two of example 0's pre-activations are exactly 0 (dyadic values, no
 * round-off), so the check meets ReLU's kink in x[0, ·] and W₁.
 */
final class ResidualBlockLayer implements HeldOutLayer {

    /** The backward passes a person might write instead. */
    enum Bug {
        /** dx without the skip connection's + dy. */
        DX_WITHOUT_SKIP,
        /** dx = dy + W₁ᵀ (W₂ᵀ dy), the ReLU mask forgotten there (dW₁ still uses it). */
        DX_WITHOUT_RELU_MASK,
        /** dW₂ = dy hᵀ with the pre-activation h instead of relu(h). */
        DW2_WITH_PREACTIVATION,
        /** The skip's flat loop starts at 1: dx[0, 0] misses its + dy. */
        DX_SKIP_LOOP_FROM_ONE
    }

    static final int BATCH = 2;
    static final int D = 4;
    static final int HIDDEN = 3;

    final double[][] x;
    final double[][] w1;
    final double[][] w2;
    private final Bug bug;

    ResidualBlockLayer(long seed, Variant variant, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        x = Draws.uniform(random, BATCH, D, -2, 2);
        w1 = Draws.uniform(random, HIDDEN, D, -1, 1);
        w2 = Draws.uniform(random, D, HIDDEN, -1, 1);
        if (variant == Variant.EXACT_KINKS) {
            x[0] = new double[] {1, -1, 0.5, 0.25};
            w1[0] = new double[] {0.5, 0.5, 0, 0};          // h[0, 0] = 0.5 − 0.5 = 0
            w1[1] = new double[] {0.25, 0.25, 0.5, -1};     // h[0, 1] = 0.25 − 0.25 + 0.25 − 0.25 = 0
        }
        this.bug = bug;
    }

    @Override
    public String name() {
        return "ResidualBlock" + (bug == null ? "" : "[" + bug + "]");
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("x", x).build();
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W1", w1).add("W2", w2).build();
    }

    private double[] preActivation(double[] xb) {
        double[] h = new double[HIDDEN];
        for (int j = 0; j < HIDDEN; j++) {
            for (int k = 0; k < D; k++) {
                h[j] += w1[j][k] * xb[k];
            }
        }
        return h;
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[][] in = inputs.matrix("x");
        double[] y = new double[BATCH * D];
        for (int b = 0; b < BATCH; b++) {
            double[] h = preActivation(in[b]);
            for (int i = 0; i < D; i++) {
                double sum = in[b][i];
                for (int j = 0; j < HIDDEN; j++) {
                    sum += w2[i][j] * Math.max(h[j], 0);
                }
                y[b * D + i] = sum;
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[][] in = inputs.matrix("x");
        double[][] dx = new double[BATCH][D];
        double[][] dw1 = new double[HIDDEN][D];
        double[][] dw2 = new double[D][HIDDEN];
        for (int b = 0; b < BATCH; b++) {
            double[] h = preActivation(in[b]);
            double[] da = new double[HIDDEN];
            for (int i = 0; i < D; i++) {
                for (int j = 0; j < HIDDEN; j++) {
                    da[j] += w2[i][j] * dy[b * D + i];
                    dw2[i][j] += dy[b * D + i] * (bug == Bug.DW2_WITH_PREACTIVATION ? h[j] : Math.max(h[j], 0));
                }
            }
            for (int j = 0; j < HIDDEN; j++) {
                double dh = h[j] > 0 ? da[j] : 0;
                double toX = bug == Bug.DX_WITHOUT_RELU_MASK ? da[j] : dh;
                for (int k = 0; k < D; k++) {
                    dw1[j][k] += dh * in[b][k];
                    dx[b][k] += w1[j][k] * toX;
                }
            }
        }
        if (bug != Bug.DX_WITHOUT_SKIP) {
            for (int flat = bug == Bug.DX_SKIP_LOOP_FROM_ONE ? 1 : 0; flat < BATCH * D; flat++) {
                dx[flat / D][flat % D] += dy[flat];
            }
        }
        return ParameterArrays.builder().add("x", dx).add("W1", dw1).add("W2", dw2).build();
    }
}
