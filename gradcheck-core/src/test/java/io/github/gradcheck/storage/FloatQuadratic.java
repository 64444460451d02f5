package io.github.gradcheck.storage;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;
import java.util.function.IntToDoubleFunction;

/**
 * J = Σ cᵢ θᵢ + ½ q Σ θᵢ², in double, over float parameters: a vector {@code theta} and a 2×2
 * matrix {@code w}. {@code lossHook} sees the number of each loss evaluation (from 1) and may throw
 * or return NaN; its value is added to the loss. The gradient of {@code theta} comes back in a
 * double array, that of {@code w} in a float matrix.
 */
final class FloatQuadratic implements DifferentiableModel {

    private static final double Q = 1e-6;

    final float[] theta;
    final float[][] w;
    IntToDoubleFunction lossHook = n -> 0;
    /** Multiplies the gradient of {@code theta}: 1 is right. */
    double thetaGradientFactor = 1;
    private int evaluations;

    FloatQuadratic(float[] theta, float[][] w) {
        this.theta = theta;
        this.w = w;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("theta", theta).add("W", w).build();
    }

    private static double c(int i) {
        return 0.5 + 0.25 * i;
    }

    @Override
    public double loss() {
        double extra = lossHook.applyAsDouble(++evaluations);
        double sum = 0;
        for (int i = 0; i < theta.length; i++) {
            sum += c(i) * theta[i] + 0.5 * Q * (double) theta[i] * theta[i];
        }
        for (int r = 0; r < w.length; r++) {
            for (int k = 0; k < w[r].length; k++) {
                sum += c(r + k) * w[r][k] + 0.5 * Q * (double) w[r][k] * w[r][k];
            }
        }
        return sum + extra;
    }

    @Override
    public ParameterArrays gradient() {
        double[] dtheta = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            dtheta[i] = thetaGradientFactor * (c(i) + Q * theta[i]);
        }
        float[][] dw = new float[w.length][w[0].length];
        for (int r = 0; r < w.length; r++) {
            for (int k = 0; k < w[r].length; k++) {
                dw[r][k] = (float) (c(r + k) + Q * w[r][k]);
            }
        }
        return ParameterArrays.builder().add("theta", dtheta).add("W", dw).build();
    }

    /** Every parameter's bits, in θ's order. */
    int[] bits() {
        int[] bits = new int[theta.length + w.length * w[0].length];
        int n = 0;
        for (float value : theta) {
            bits[n++] = Float.floatToRawIntBits(value);
        }
        for (float[] row : w) {
            for (float value : row) {
                bits[n++] = Float.floatToRawIntBits(value);
            }
        }
        return bits;
    }
}
