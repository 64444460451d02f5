package io.github.gradcheck.junit;

import io.github.gradcheck.DifferentiableLayer;
import io.github.gradcheck.LayerAtInputs;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;

/**
 * A layer for the front ends' tests: y = W x + b, W 2×3, with a backward pass that can be made
 * wrong in dx alone, or not linear in dy while right for every dy ≥ 0.
 */
public final class AffineLayer implements DifferentiableLayer {

    /** What the backward pass gets wrong. */
    public enum Bug {
        /** Nothing. */
        NONE,
        /** dx[1] twice too large: ∂y[i]/∂x[1] wrong in every row i, W and b right. */
        DX_1_DOUBLED,
        /** dx = Wᵀ|dy|: right for every basis probe dy = eᵢ, so only the linearity contract catches it. */
        DX_OF_ABSOLUTE_DY
    }

    final double[][] w = {{0.5, -1.0, 1.5}, {2.0, -0.25, 0.75}};
    final double[] b = {0.1, -0.2};
    private final Bug bug;

    private AffineLayer(Bug bug) {
        this.bug = bug;
    }

    /**
     * The layer with {@code bug} at x = (0.3, −0.7, 1.1).
     *
     * @param bug what the backward pass gets wrong
     * @return the layer at its input
     */
    public static LayerAtInputs at(Bug bug) {
        return new AffineLayer(bug).at(LayerInputs.builder().add("x", new double[] {0.3, -0.7, 1.1}).build());
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W", w).add("b", b).build();
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[] x = inputs.vector("x");
        double[] y = b.clone();
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < x.length; j++) {
                y[i] += w[i][j] * x[j];
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[] x = inputs.vector("x");
        double[] dx = new double[x.length];
        double[][] dw = new double[w.length][x.length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < x.length; j++) {
                dx[j] += w[i][j] * (bug == Bug.DX_OF_ABSOLUTE_DY ? Math.abs(dy[i]) : dy[i]);
                dw[i][j] = dy[i] * x[j];
            }
        }
        if (bug == Bug.DX_1_DOUBLED) {
            dx[1] *= 2;
        }
        return ParameterArrays.builder().add("x", dx).add("W", dw).add("b", dy.clone()).build();
    }
}
