package io.github.gradcheck.junit;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;

/**
 * A small stateful model for the extension's tests: J = Σ k·W_ij²/2 + Σ sin(b_i), with the
 * analytic gradient (k·W_ij, cos b_i). The gradient of b can be scaled to plant a bug, and the
 * loss can be made to throw or return NaN when b[1] (flat index 7) is perturbed.
 */
final class SmallModel implements DifferentiableModel {

    /** What the loss does when b[1] is moved off its initial value. */
    enum Fault {
        /** Nothing: the loss is always finite. */
        NONE,
        /** Throws an {@link IllegalStateException} at b[1] + ε. */
        THROW_AT_B1_PLUS,
        /** Returns NaN at b[1] − ε. */
        NAN_AT_B1_MINUS
    }

    static final double K = 3;

    /** The planted bug in {@link #buggy()}: b's gradient doubled, a per-block difference of (2 − 1)/(2 + 1) = 1/3. */
    static final double BUG_FACTOR = 2;

    final double[][] W = {{0.5, -1.0, 1.5}, {2.0, -0.25, 0.75}};
    final double[] b = {0.1, 0.2, -0.3};

    private final double initialB1 = b[1];
    private final double biasGradientFactor;
    private final Fault fault;

    SmallModel(double biasGradientFactor, Fault fault) {
        this.biasGradientFactor = biasGradientFactor;
        this.fault = fault;
    }

    static SmallModel correct() {
        return new SmallModel(1, Fault.NONE);
    }

    static SmallModel buggy() {
        return new SmallModel(BUG_FACTOR, Fault.NONE);
    }

    static SmallModel throwingAtB1() {
        return new SmallModel(1, Fault.THROW_AT_B1_PLUS);
    }

    static SmallModel nanAtB1() {
        return new SmallModel(1, Fault.NAN_AT_B1_MINUS);
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W", W).add("b", b).build();
    }

    @Override
    public double loss() {
        // The check first moves every parameter by steps under 1e-6 to measure the loss's noise; the
        // faults wait for b[1]'s own difference quotient, whose step is about 5e-6.
        if (fault == Fault.THROW_AT_B1_PLUS && b[1] > initialB1 + 2e-6) {
            throw new IllegalStateException("planted failure");
        }
        if (fault == Fault.NAN_AT_B1_MINUS && b[1] < initialB1 - 2e-6) {
            return Double.NaN;
        }
        double loss = 0;
        for (double[] row : W) {
            for (double w : row) {
                loss += K * w * w / 2;
            }
        }
        for (double x : b) {
            loss += Math.sin(x);
        }
        return loss;
    }

    @Override
    public ParameterArrays gradient() {
        double[][] dW = new double[W.length][W[0].length];
        for (int i = 0; i < W.length; i++) {
            for (int j = 0; j < W[i].length; j++) {
                dW[i][j] = K * W[i][j];
            }
        }
        double[] db = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            db[i] = biasGradientFactor * Math.cos(b[i]);
        }
        return ParameterArrays.builder().add("W", dW).add("b", db).build();
    }

    /** The raw bits of every parameter, W row by row then b: to compare before and after a check. */
    long[] parameterBits() {
        long[] bits = new long[W.length * W[0].length + b.length];
        int i = 0;
        for (double[] row : W) {
            for (double w : row) {
                bits[i++] = Double.doubleToRawLongBits(w);
            }
        }
        for (double x : b) {
            bits[i++] = Double.doubleToRawLongBits(x);
        }
        return bits;
    }
}
