package io.github.gradcheck.heldoutlayers;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/**
 * {@link LayerNormLayer} as a float library has it: x (3×4), γ and β held in floats and every
 * step computed in float; the gradients are returned as floats too.
 */
final class FloatLayerNormLayer implements HeldOutLayer {

    /** The backward passes a person might write instead. */
    enum Bug {
        /** dx without − mean(g). */
        DX_WITHOUT_MEAN_TERM,
        /** dγ's loop runs to D − 1: the last element stays 0. */
        DGAMMA_LAST_ELEMENT_SKIPPED
    }

    static final float EPS = 1e-5f;
    static final int ROWS = 3;
    static final int D = 4;

    final float[][] x = new float[ROWS][D];
    final float[] gamma = new float[D];
    final float[] beta = new float[D];
    private final Bug bug;

    FloatLayerNormLayer(long seed, Variant variant, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < D; j++) {
                x[i][j] = (float) random.nextDouble(-2, 2);
            }
        }
        for (int j = 0; j < D; j++) {
            gamma[j] = (float) random.nextDouble(0.5, 1.5);
            beta[j] = (float) random.nextDouble(-0.5, 0.5);
        }
        this.bug = bug;
    }

    @Override
    public String name() {
        return "FloatLayerNorm" + (bug == null ? "" : "[" + bug + "]");
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("x", x).build();
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("gamma", gamma).add("beta", beta).build();
    }

    private static float mean(float[] row) {
        float sum = 0;
        for (float v : row) {
            sum += v;
        }
        return sum / row.length;
    }

    private static float rstd(float[] row, float mu) {
        float sum = 0;
        for (float v : row) {
            sum += (v - mu) * (v - mu);
        }
        return (float) (1 / Math.sqrt(sum / row.length + EPS));
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        float[][] in = inputs.floatMatrix("x");
        double[] y = new double[ROWS * D];
        for (int i = 0; i < ROWS; i++) {
            float mu = mean(in[i]);
            float rstd = rstd(in[i], mu);
            for (int j = 0; j < D; j++) {
                y[i * D + j] = gamma[j] * ((in[i][j] - mu) * rstd) + beta[j];
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        float[][] in = inputs.floatMatrix("x");
        float[][] dx = new float[ROWS][D];
        float[] dgamma = new float[D];
        float[] dbeta = new float[D];
        for (int i = 0; i < ROWS; i++) {
            float mu = mean(in[i]);
            float rstd = rstd(in[i], mu);
            float[] xhat = new float[D];
            float[] g = new float[D];
            float meanG = 0;
            float meanGXhat = 0;
            for (int j = 0; j < D; j++) {
                xhat[j] = (in[i][j] - mu) * rstd;
                g[j] = (float) dy[i * D + j] * gamma[j];
                meanG += g[j] / D;
                meanGXhat += g[j] * xhat[j] / D;
            }
            for (int j = 0; j < D; j++) {
                float term = g[j] - xhat[j] * meanGXhat;
                if (bug != Bug.DX_WITHOUT_MEAN_TERM) {
                    term -= meanG;
                }
                dx[i][j] = rstd * term;
                dbeta[j] += (float) dy[i * D + j];
            }
            int last = bug == Bug.DGAMMA_LAST_ELEMENT_SKIPPED ? D - 1 : D;
            for (int j = 0; j < last; j++) {
                dgamma[j] += (float) dy[i * D + j] * xhat[j];
            }
        }
        return ParameterArrays.builder().add("x", dx).add("gamma", dgamma).add("beta", dbeta).build();
    }
}
