package io.github.gradcheck;

import java.util.function.IntToDoubleFunction;

/**
 * A small stateful model for engine tests: J = Σ k·Wᵢⱼ²/2 + Σ sin(bᵢ), whose derivatives
 * (k·Wᵢⱼ and cos bᵢ) are known in closed form, so numeric results can be checked against an
 * independent formula. Knobs break it in the ways the engine must handle.
 */
final class SineModel implements DifferentiableModel {

    final double[][] w;
    final double[] b;
    private final double k;

    /** Multiplies the analytic gradient of b by this. */
    double bGradientFactor = 1;
    /** Called with the evaluation number (from 1) before each loss; its value is added to the loss. */
    IntToDoubleFunction lossHook = n -> 0;
    /** Thrown from gradient(), when set. */
    RuntimeException gradientFailure;
    int lossEvaluations;
    int gradientEvaluations;

    SineModel(double[][] w, double[] b, double k) {
        this.w = w;
        this.b = b;
        this.k = k;
    }

    static SineModel standard() {
        return new SineModel(new double[][] {{0.5, -1.25, 2}, {-0.75, 1.5, 0.25}}, new double[] {0.3, -1.1, 2.4}, 3);
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W", w).add("b", b).build();
    }

    @Override
    public double loss() {
        lossEvaluations++;
        double sum = lossHook.applyAsDouble(lossEvaluations);
        for (double[] row : w) {
            for (double v : row) {
                sum += k * v * v / 2;
            }
        }
        for (double v : b) {
            sum += Math.sin(v);
        }
        return sum;
    }

    @Override
    public ParameterArrays gradient() {
        gradientEvaluations++;
        if (gradientFailure != null) {
            throw gradientFailure;
        }
        return ParameterArrays.builder().add("W", expectedW()).add("b", expectedB(bGradientFactor)).build();
    }

    double[][] expectedW() {
        double[][] dw = new double[w.length][w[0].length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w[0].length; j++) {
                dw[i][j] = k * w[i][j];
            }
        }
        return dw;
    }

    double[] expectedB(double factor) {
        double[] db = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            db[i] = factor * Math.cos(b[i]);
        }
        return db;
    }

    /** The parameters' raw bits, W row by row then b, to compare bit for bit. */
    long[] bits() {
        long[] bits = new long[9];
        int n = 0;
        for (double[] row : w) {
            for (double v : row) {
                bits[n++] = Double.doubleToRawLongBits(v);
            }
        }
        for (double v : b) {
            bits[n++] = Double.doubleToRawLongBits(v);
        }
        return bits;
    }
}
