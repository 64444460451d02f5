package io.github.gradcheck.layermutation;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/**
 * Batch normalisation in training mode over x[m, d]: each column normalised with the batch's own
 * mean and (biased) variance, x̂ = (x − μ) / √(σ² + ε), then y = γ x̂ + β.
 *
 * <p>The correct backward pass: dβ = Σ dy, dγ = Σ dy·x̂, and
 * dx = (γ / √(σ² + ε)) · (dy − mean(dy) − x̂ · mean(dy·x̂)), the last two terms from μ and σ²
 * depending on every row.
 */
final class BatchNormLayer implements SuiteLayer {

    enum Bug {
        NONE,
        /** dx without its −mean(dy) term (μ's dependence on x forgotten). */
        DX_WITHOUT_MEAN_TERM,
        /** dx without its −x̂·mean(dy·x̂) term (σ²'s dependence on x forgotten). */
        DX_WITHOUT_VARIANCE_TERM,
        /** dx = γ dy / √(σ² + ε): the batch statistics treated as constants (evaluation mode's backward). */
        DX_STATISTICS_AS_CONSTANTS,
        /** The variance term divided by m − 1 instead of m (unbiased variance in the backward pass only). */
        DX_UNBIASED_VARIANCE_TERM,
        /** dx without the factor γ. */
        DX_WITHOUT_GAMMA,
        /** One element of dx, x[2, 1], scaled by 1.5. */
        DX_ONE_ELEMENT,
        /** dγ = Σ dy, without x̂. */
        DGAMMA_WITHOUT_XHAT,
        /** dβ averaged over the batch instead of summed. */
        DBETA_AVERAGED
    }

    static final int BATCH = 4;
    static final int FEATURES = 3;
    static final double EPSILON = 1e-5;

    final double[][] x;
    final double[] gamma;
    final double[] beta;
    private final Bug bug;

    BatchNormLayer(long seed, LayerVariant variant, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        x = Draws.uniform(random, BATCH, FEATURES, -2, 2);
        if (variant == LayerVariant.HARD_INPUTS) {
            for (double[] row : x) {
                row[0] *= 5e-4;
                row[1] += 1e3;
            }
        }
        gamma = Draws.uniform(random, FEATURES, 0.5, 1.5);
        beta = Draws.uniform(random, FEATURES, -0.5, 0.5);
        this.bug = bug;
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("x", x).build();
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("gamma", gamma).add("beta", beta).build();
    }

    /** x̂ of column j, and 1/√(σ² + ε) as its last element. */
    private static double[] normalised(double[][] x, int j) {
        double mean = 0;
        for (double[] row : x) {
            mean += row[j];
        }
        mean /= x.length;
        double variance = 0;
        for (double[] row : x) {
            variance += (row[j] - mean) * (row[j] - mean);
        }
        variance /= x.length;
        double inverse = 1 / Math.sqrt(variance + EPSILON);
        double[] xhat = new double[x.length + 1];
        for (int r = 0; r < x.length; r++) {
            xhat[r] = (x[r][j] - mean) * inverse;
        }
        xhat[x.length] = inverse;
        return xhat;
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[][] input = inputs.matrix("x");
        double[] y = new double[BATCH * FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            double[] xhat = normalised(input, j);
            for (int r = 0; r < BATCH; r++) {
                y[r * FEATURES + j] = gamma[j] * xhat[r] + beta[j];
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[][] input = inputs.matrix("x");
        double[][] dx = new double[BATCH][FEATURES];
        double[] dgamma = new double[FEATURES];
        double[] dbeta = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            double[] xhat = normalised(input, j);
            double inverse = xhat[BATCH];
            double sum = 0;
            double sumXhat = 0;
            for (int r = 0; r < BATCH; r++) {
                double g = dy[r * FEATURES + j];
                sum += g;
                sumXhat += g * xhat[r];
            }
            dbeta[j] = bug == Bug.DBETA_AVERAGED ? sum / BATCH : sum;
            dgamma[j] = bug == Bug.DGAMMA_WITHOUT_XHAT ? sum : sumXhat;
            double scale = (bug == Bug.DX_WITHOUT_GAMMA ? 1 : gamma[j]) * inverse;
            double meanTerm = bug == Bug.DX_WITHOUT_MEAN_TERM || bug == Bug.DX_STATISTICS_AS_CONSTANTS ? 0 : sum / BATCH;
            double varianceTerm = switch (bug) {
                case DX_WITHOUT_VARIANCE_TERM, DX_STATISTICS_AS_CONSTANTS -> 0;
                case DX_UNBIASED_VARIANCE_TERM -> sumXhat / (BATCH - 1);
                default -> sumXhat / BATCH;
            };
            for (int r = 0; r < BATCH; r++) {
                dx[r][j] = scale * (dy[r * FEATURES + j] - meanTerm - xhat[r] * varianceTerm);
            }
        }
        if (bug == Bug.DX_ONE_ELEMENT) {
            dx[2][1] *= 1.5;
        }
        return ParameterArrays.builder().add("x", dx).add("gamma", dgamma).add("beta", dbeta).build();
    }
}
