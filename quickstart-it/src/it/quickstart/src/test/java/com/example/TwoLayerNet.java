package com.example;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;
import java.util.Random;

/**
 * A user's model: one tanh hidden layer, a linear output and the mean squared error
 * J = (1/2m) Σ (ŷ − y)², over m examples in the columns of X, with a hand-written backward pass.
 */
class TwoLayerNet implements DifferentiableModel {

    final double[][] x;
    final double[] y;
    final double[][] W1, b1, W2, b2;
    private final boolean forgetMeanInB1;

    private TwoLayerNet(long seed, boolean forgetMeanInB1) {
        Random random = new Random(seed);
        int features = 3, hidden = 4, m = 5;
        x = gaussian(random, features, m);
        y = gaussian(random, 1, m)[0];
        W1 = gaussian(random, hidden, features);
        b1 = gaussian(random, hidden, 1);
        W2 = gaussian(random, 1, hidden);
        b2 = gaussian(random, 1, 1);
        this.forgetMeanInB1 = forgetMeanInB1;
    }

    /** The network with a correct backward pass. */
    static TwoLayerNet example() {
        return new TwoLayerNet(7, false);
    }

    /** The same network whose db1 forgets the 1/m of the mean: a bug for the check to find. */
    static TwoLayerNet exampleWithForgottenMeanInB1() {
        return new TwoLayerNet(7, true);
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W1", W1).add("b1", b1).add("W2", W2).add("b2", b2).build();
    }

    @Override
    public double loss() {
        double[][] a1 = hidden();
        double sum = 0;
        for (int j = 0; j < m(); j++) {
            double error = output(a1, j) - y[j];
            sum += error * error;
        }
        return sum / (2.0 * m());
    }

    @Override
    public ParameterArrays gradient() {
        int m = m();
        double[][] a1 = hidden();
        double[][] dW1 = new double[W1.length][W1[0].length];
        double[][] db1 = new double[b1.length][1];
        double[][] dW2 = new double[1][W2[0].length];
        double[][] db2 = new double[1][1];
        for (int j = 0; j < m; j++) {
            double dz2 = (output(a1, j) - y[j]) / m;
            db2[0][0] += dz2;
            for (int i = 0; i < W2[0].length; i++) {
                dW2[0][i] += dz2 * a1[i][j];
                double dz1 = W2[0][i] * dz2 * (1 - a1[i][j] * a1[i][j]);
                db1[i][0] += forgetMeanInB1 ? dz1 * m : dz1;
                for (int k = 0; k < x.length; k++) {
                    dW1[i][k] += dz1 * x[k][j];
                }
            }
        }
        return ParameterArrays.builder().add("W1", dW1).add("b1", db1).add("W2", dW2).add("b2", db2).build();
    }

    @Override
    public int batchSize() {
        return m();
    }

    private int m() {
        return y.length;
    }

    /** tanh(W1 X + b1), hidden units × examples. */
    private double[][] hidden() {
        double[][] a1 = new double[W1.length][m()];
        for (int i = 0; i < W1.length; i++) {
            for (int j = 0; j < m(); j++) {
                double z = b1[i][0];
                for (int k = 0; k < x.length; k++) {
                    z += W1[i][k] * x[k][j];
                }
                a1[i][j] = Math.tanh(z);
            }
        }
        return a1;
    }

    private double output(double[][] a1, int j) {
        double z = b2[0][0];
        for (int i = 0; i < W2[0].length; i++) {
            z += W2[0][i] * a1[i][j];
        }
        return z;
    }

    private static double[][] gaussian(Random random, int rows, int cols) {
        double[][] values = new double[rows][cols];
        for (double[] row : values) {
            for (int c = 0; c < cols; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return values;
    }
}
