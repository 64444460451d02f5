package io.github.gradcheck.examples;

import io.github.gradcheck.DifferentiableLayer;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;

/**
 * Batch normalisation in training mode over a batch x[m][d]: every column normalised with the
 * batch's own mean μ and variance σ², x̂ = (x − μ) / √(σ² + ε), then y = γ·x̂ + β.
 *
 * <p>Backward: dβ = Σ dy, dγ = Σ dy·x̂, and because μ and σ² depend on every row,
 * dx = γ/√(σ² + ε) · (dy − mean(dy) − x̂·mean(dy·x̂)).
 */
public final class BatchNorm implements DifferentiableLayer {

    static final double EPSILON = 1e-5;

    final double[] gamma;
    final double[] beta;
    private final boolean forgetMeanTerm;

    public BatchNorm(double[] gamma, double[] beta) {
        this(gamma, beta, false);
    }

    private BatchNorm(double[] gamma, double[] beta, boolean forgetMeanTerm) {
        this.gamma = gamma;
        this.beta = beta;
        this.forgetMeanTerm = forgetMeanTerm;
    }

    /** A planted bug: dx without its −mean(dy) term, as if μ did not depend on x. */
    public static BatchNorm withoutTheMeanTermInDx(double[] gamma, double[] beta) {
        return new BatchNorm(gamma, beta, true);
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("gamma", gamma).add("beta", beta).build();
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[][] x = inputs.matrix("x");
        int m = x.length;
        int d = gamma.length;
        double[] y = new double[m * d];
        for (int j = 0; j < d; j++) {
            double[] xhat = normalised(x, j);
            for (int i = 0; i < m; i++) {
                y[i * d + j] = gamma[j] * xhat[i] + beta[j];
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[][] x = inputs.matrix("x");
        int m = x.length;
        int d = gamma.length;
        double[][] dx = new double[m][d];
        double[] dgamma = new double[d];
        double[] dbeta = new double[d];
        for (int j = 0; j < d; j++) {
            double[] xhat = normalised(x, j);
            double inverseStd = 1 / Math.sqrt(variance(x, j) + EPSILON);
            double meanDy = 0;
            double meanDyXhat = 0;
            for (int i = 0; i < m; i++) {
                meanDy += dy[i * d + j] / m;
                meanDyXhat += dy[i * d + j] * xhat[i] / m;
                dbeta[j] += dy[i * d + j];
                dgamma[j] += dy[i * d + j] * xhat[i];
            }
            for (int i = 0; i < m; i++) {
                double centred = dy[i * d + j] - (forgetMeanTerm ? 0 : meanDy) - xhat[i] * meanDyXhat;
                dx[i][j] = gamma[j] * inverseStd * centred;
            }
        }
        return ParameterArrays.builder().add("x", dx).add("gamma", dgamma).add("beta", dbeta).build();
    }

    private static double mean(double[][] x, int j) {
        double sum = 0;
        for (double[] row : x) {
            sum += row[j];
        }
        return sum / x.length;
    }

    private static double variance(double[][] x, int j) {
        double mean = mean(x, j);
        double sum = 0;
        for (double[] row : x) {
            sum += (row[j] - mean) * (row[j] - mean);
        }
        return sum / x.length;
    }

    private static double[] normalised(double[][] x, int j) {
        double mean = mean(x, j);
        double inverseStd = 1 / Math.sqrt(variance(x, j) + EPSILON);
        double[] xhat = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xhat[i] = (x[i][j] - mean) * inverseStd;
        }
        return xhat;
    }
}
