package io.github.gradcheck.heldoutlayers;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/**
 * Layer normalisation over the rows of x (3×4): per row μ, σ² (biased), x̂ = (x − μ)/√(σ² + ε),
 * y = γ ∘ x̂ + β with γ, β of length 4 shared by the rows.
 */
final class LayerNormLayer implements HeldOutLayer {

    /** The backward passes a person might write instead. */
    enum Bug {
        /** dx without − mean(g): μ's dependence on x forgotten. */
        DX_WITHOUT_MEAN_TERM,
        /** dx without − x̂·mean(g·x̂): σ's dependence on x forgotten. */
        DX_WITHOUT_VARIANCE_TERM,
        /** dx from dy instead of g = γ ∘ dy. */
        DX_WITHOUT_GAMMA,
        /** dx with 1/√(σ² + ε) recomputed from the unbiased variance (÷ (D − 1)). */
        DX_WITH_UNBIASED_VARIANCE,
        /** dγ summed from dy alone, x̂ forgotten. */
        DGAMMA_WITHOUT_XHAT,
        /** dγ's loop runs to D − 1: the last element stays 0. */
        DGAMMA_LAST_ELEMENT_SKIPPED
    }

    static final double EPS = 1e-5;
    static final int ROWS = 3;
    static final int D = 4;

    final double[][] x;
    final double[] gamma;
    final double[] beta;
    private final Bug bug;

    LayerNormLayer(long seed, Variant variant, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        x = Draws.uniform(random, ROWS, D, -2, 2);
        gamma = Draws.uniform(random, D, 0.5, 1.5);
        beta = Draws.uniform(random, D, -0.5, 0.5);
        if (variant == Variant.HARD_INPUTS) {
            for (int j = 0; j < D; j++) {
                x[1][j] = 0.3 + 1e-3 * x[1][j];        // σ² ≈ 1e-6·…, below ε
                x[2][j] = 100 + x[2][j];
            }
        }
        this.bug = bug;
    }

    @Override
    public String name() {
        return "LayerNorm" + (bug == null ? "" : "[" + bug + "]");
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("x", x).build();
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("gamma", gamma).add("beta", beta).build();
    }

    private static double mean(double[] row) {
        double sum = 0;
        for (double v : row) {
            sum += v;
        }
        return sum / row.length;
    }

    private static double variance(double[] row, double mu, int divisor) {
        double sum = 0;
        for (double v : row) {
            sum += (v - mu) * (v - mu);
        }
        return sum / divisor;
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[][] in = inputs.matrix("x");
        double[] y = new double[ROWS * D];
        for (int i = 0; i < ROWS; i++) {
            double mu = mean(in[i]);
            double rstd = 1 / Math.sqrt(variance(in[i], mu, D) + EPS);
            for (int j = 0; j < D; j++) {
                y[i * D + j] = gamma[j] * (in[i][j] - mu) * rstd + beta[j];
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[][] in = inputs.matrix("x");
        double[][] dx = new double[ROWS][D];
        double[] dgamma = new double[D];
        double[] dbeta = new double[D];
        for (int i = 0; i < ROWS; i++) {
            double mu = mean(in[i]);
            double rstd = 1 / Math.sqrt(variance(in[i], mu, D) + EPS);
            double[] xhat = new double[D];
            double[] g = new double[D];
            double meanG = 0;
            double meanGXhat = 0;
            for (int j = 0; j < D; j++) {
                xhat[j] = (in[i][j] - mu) * rstd;
                g[j] = bug == Bug.DX_WITHOUT_GAMMA ? dy[i * D + j] : dy[i * D + j] * gamma[j];
                meanG += g[j] / D;
                meanGXhat += g[j] * xhat[j] / D;
            }
            double dxScale = bug == Bug.DX_WITH_UNBIASED_VARIANCE ? 1 / Math.sqrt(variance(in[i], mu, D - 1) + EPS) : rstd;
            for (int j = 0; j < D; j++) {
                double term = g[j];
                if (bug != Bug.DX_WITHOUT_MEAN_TERM) {
                    term -= meanG;
                }
                if (bug != Bug.DX_WITHOUT_VARIANCE_TERM) {
                    term -= xhat[j] * meanGXhat;
                }
                dx[i][j] = dxScale * term;
                dbeta[j] += dy[i * D + j];
            }
            int last = bug == Bug.DGAMMA_LAST_ELEMENT_SKIPPED ? D - 1 : D;
            for (int j = 0; j < last; j++) {
                dgamma[j] += bug == Bug.DGAMMA_WITHOUT_XHAT ? dy[i * D + j] : dy[i * D + j] * xhat[j];
            }
        }
        return ParameterArrays.builder().add("x", dx).add("gamma", dgamma).add("beta", dbeta).build();
    }
}
