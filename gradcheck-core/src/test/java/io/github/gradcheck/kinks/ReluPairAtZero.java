package io.github.gradcheck.kinks;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;

/**
 * Two ReLU pre-activations exactly 0 that share their parameters: hidden units h = relu(W x) with a
 * readout v, J = Σ y·(v·h) / 3 + λ‖θ‖²/2, where row 0 of W is (0.5, −0.5) and the examples
 * x₁ = (1, 1) and x₂ = (−1, −1) put unit 0 exactly at 0 for both, moving in opposite directions
 * with W[0,·]. With y₁ = 1 and y₂ = −1 the two kinks cancel along W[0,0] and W[0,1]: the loss is
 * linear there, and relu′(0) = 0 gives an analytic value outside both one-sided slopes.
 */
final class ReluPairAtZero implements DifferentiableModel {

    /** The planted bugs, each next to the kinks. */
    enum Bug {
        NONE,
        /** The gradient of W's row 0, the row at the kinks, doubled. */
        KINKED_ROW_DOUBLED,
        /** relu′ taken as −1 for a negative pre-activation where it is 0 (a sign slip in a leaky branch). */
        NEGATIVE_SIDE_NOT_ZERO
    }

    private static final double LAMBDA = 0.1;
    private static final double[][] X = {{1, 1}, {-1, -1}, {1, -0.5}};
    private static final double[] Y = {1, -1, 0.7};

    final double[][] w = {{0.5, -0.5}, {0.3, 0.4}};
    final double[] v = {0.8, -0.6};
    private final Bug bug;

    ReluPairAtZero(Bug bug) {
        this.bug = bug;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W", w).add("v", v).build();
    }

    private double z(int j, int n) {
        return w[j][0] * X[n][0] + w[j][1] * X[n][1];
    }

    @Override
    public double loss() {
        double sum = 0;
        for (int n = 0; n < X.length; n++) {
            for (int j = 0; j < 2; j++) {
                sum += Y[n] * v[j] * Math.max(0, z(j, n));
            }
        }
        double l2 = 0;
        for (double[] row : w) {
            l2 += row[0] * row[0] + row[1] * row[1];
        }
        l2 += v[0] * v[0] + v[1] * v[1];
        return sum / X.length + LAMBDA / 2 * l2;
    }

    private double derivative(double z) {
        if (z > 0) {
            return 1;
        }
        return z < 0 && bug == Bug.NEGATIVE_SIDE_NOT_ZERO ? -1 : 0;
    }

    @Override
    public ParameterArrays gradient() {
        double[][] dw = new double[2][2];
        double[] dv = {LAMBDA * v[0], LAMBDA * v[1]};
        for (int j = 0; j < 2; j++) {
            dw[j][0] = LAMBDA * w[j][0];
            dw[j][1] = LAMBDA * w[j][1];
        }
        for (int n = 0; n < X.length; n++) {
            for (int j = 0; j < 2; j++) {
                double zj = z(j, n);
                dv[j] += Y[n] * Math.max(0, zj) / X.length;
                double dz = Y[n] * v[j] * derivative(zj) / X.length * (bug == Bug.KINKED_ROW_DOUBLED && j == 0 ? 2 : 1);
                dw[j][0] += dz * X[n][0];
                dw[j][1] += dz * X[n][1];
            }
        }
        return ParameterArrays.builder().add("W", dw).add("v", dv).build();
    }
}
