package io.github.gradcheck.kinks;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;

/**
 * A hardtanh unit exactly on both its bounds at once: three examples through one weight vector w
 * and a bias b, z = w·x + b, with example A exactly at +1 and example B exactly at −1 (the values
 * are exact in binary), and C inside; J = Σ y·hardtanh(z) / 3 + λ‖θ‖²/2. Moving b up saturates A
 * and frees B, moving it down does the opposite: with y_A = y_B both one-sided slopes are the
 * same, the loss is smooth along b, and the backward pass's hardtanh′(±1) = 0 lies outside both.
 */
final class HardtanhOnBounds implements DifferentiableModel {

    /** The planted bugs, each next to the kinks. */
    enum Bug {
        NONE,
        /** hardtanh′ taken as 2 inside (−1, 1). */
        INSIDE_DOUBLED,
        /** hardtanh′ taken as 0.5 beyond the bounds, where it is 0. */
        SATURATED_NOT_ZERO
    }

    private static final double LAMBDA = 0.1;
    private static final double[][] X = {{1, 0}, {0, 3}, {0.5, 0.25}};
    private static final double[] Y = {1, 1, 0.75};

    final double[] w = {0.5, -0.5};
    final double[] b = {0.5};
    private final Bug bug;

    HardtanhOnBounds(Bug bug) {
        this.bug = bug;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("w", w).add("b", b).build();
    }

    private double z(int n) {
        return w[0] * X[n][0] + w[1] * X[n][1] + b[0];
    }

    @Override
    public double loss() {
        double sum = 0;
        for (int n = 0; n < X.length; n++) {
            sum += Y[n] * Math.max(-1, Math.min(1, z(n)));
        }
        return sum / X.length + LAMBDA / 2 * (w[0] * w[0] + w[1] * w[1] + b[0] * b[0]);
    }

    private double derivative(double z) {
        if (Math.abs(z) < 1) {
            return bug == Bug.INSIDE_DOUBLED ? 2 : 1;
        }
        return Math.abs(z) > 1 && bug == Bug.SATURATED_NOT_ZERO ? 0.5 : 0;
    }

    @Override
    public ParameterArrays gradient() {
        double[] dw = {LAMBDA * w[0], LAMBDA * w[1]};
        double[] db = {LAMBDA * b[0]};
        for (int n = 0; n < X.length; n++) {
            double dz = Y[n] * derivative(z(n)) / X.length;
            dw[0] += dz * X[n][0];
            dw[1] += dz * X[n][1];
            db[0] += dz;
        }
        return ParameterArrays.builder().add("w", dw).add("b", db).build();
    }
}
