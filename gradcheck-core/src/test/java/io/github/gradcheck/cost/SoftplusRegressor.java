package io.github.gradcheck.cost;

import io.github.gradcheck.CopyableModel;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;
import java.util.Random;

/**
 * A model this project had not seen, for measuring what a failing check costs: a softplus layer
 * and a linear readout under a mean squared error, J = Σ (W2 softplus(W1 x + b1) + b2 − y)² / 2m,
 * with a backward pass written by hand and one planted bug at a time. Smooth everywhere, so every
 * element of a wrong block with a gradient mismatches, and the cost of a failing check is all in
 * the looks at those mismatches.
 */
final class SoftplusRegressor implements CopyableModel {

    /** The planted bugs: each a block of the backward pass, wrong in one way. */
    enum Bug {
        NONE, W1_DOUBLED, B1_SIGN, W2_ONE_PERCENT, B2_FORGOT_MEAN
    }

    private final double[][] w1;
    private final double[] b1;
    private final double[][] w2;
    private final double[] b2;
    private final double[][] x;
    private final double[][] y;
    private final Bug bug;

    SoftplusRegressor(int inputs, int hidden, int outputs, int batch, long seed, Bug bug) {
        Random random = new Random(seed);
        w1 = gaussian(random, hidden, inputs, 1 / Math.sqrt(inputs));
        b1 = gaussian(random, 1, hidden, 0.1)[0];
        w2 = gaussian(random, outputs, hidden, 1 / Math.sqrt(hidden));
        b2 = gaussian(random, 1, outputs, 0.1)[0];
        x = gaussian(random, batch, inputs, 1);
        y = gaussian(random, batch, outputs, 1);
        this.bug = bug;
    }

    private SoftplusRegressor(SoftplusRegressor model) {
        w1 = deepCopy(model.w1);
        b1 = model.b1.clone();
        w2 = deepCopy(model.w2);
        b2 = model.b2.clone();
        x = model.x;
        y = model.y;
        bug = model.bug;
    }

    private static double[][] deepCopy(double[][] values) {
        double[][] copy = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            copy[r] = values[r].clone();
        }
        return copy;
    }

    /** An independent copy, for checks on several threads. */
    @Override
    public DifferentiableModel copy() {
        return new SoftplusRegressor(this);
    }

    private static double[][] gaussian(Random random, int rows, int cols, double scale) {
        double[][] values = new double[rows][cols];
        for (double[] row : values) {
            for (int j = 0; j < cols; j++) {
                row[j] = scale * random.nextGaussian();
            }
        }
        return values;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W1", w1).add("b1", b1).add("W2", w2).add("b2", b2).build();
    }

    @Override
    public int batchSize() {
        return x.length;
    }

    @Override
    public double loss() {
        double sum = 0;
        for (int n = 0; n < x.length; n++) {
            double[] out = output(hidden(n));
            for (int o = 0; o < out.length; o++) {
                double r = out[o] - y[n][o];
                sum += r * r;
            }
        }
        return sum / (2 * x.length);
    }

    private double[] preActivation(int n) {
        double[] z = new double[b1.length];
        for (int h = 0; h < z.length; h++) {
            double s = b1[h];
            for (int i = 0; i < x[n].length; i++) {
                s += w1[h][i] * x[n][i];
            }
            z[h] = s;
        }
        return z;
    }

    private double[] hidden(int n) {
        double[] z = preActivation(n);
        double[] a = new double[z.length];
        for (int h = 0; h < z.length; h++) {
            a[h] = z[h] > 0 ? z[h] + Math.log1p(Math.exp(-z[h])) : Math.log1p(Math.exp(z[h]));
        }
        return a;
    }

    private double[] output(double[] a) {
        double[] out = new double[b2.length];
        for (int o = 0; o < out.length; o++) {
            double s = b2[o];
            for (int h = 0; h < a.length; h++) {
                s += w2[o][h] * a[h];
            }
            out[o] = s;
        }
        return out;
    }

    @Override
    public ParameterArrays gradient() {
        int m = x.length;
        double[][] dw1 = new double[w1.length][w1[0].length];
        double[] db1 = new double[b1.length];
        double[][] dw2 = new double[w2.length][w2[0].length];
        double[] db2 = new double[b2.length];
        for (int n = 0; n < m; n++) {
            double[] z = preActivation(n);
            double[] a = hidden(n);
            double[] out = output(a);
            double[] dz = new double[z.length];
            for (int o = 0; o < out.length; o++) {
                double r = (out[o] - y[n][o]) / m;
                db2[o] += r;
                for (int h = 0; h < a.length; h++) {
                    dw2[o][h] += r * a[h];
                    dz[h] += r * w2[o][h];
                }
            }
            for (int h = 0; h < z.length; h++) {
                dz[h] *= 1 / (1 + Math.exp(-z[h]));
                db1[h] += dz[h];
                for (int i = 0; i < x[n].length; i++) {
                    dw1[h][i] += dz[h] * x[n][i];
                }
            }
        }
        switch (bug) {
            case W1_DOUBLED -> scale(dw1, 2);
            case B1_SIGN -> scale(new double[][] {db1}, -1);
            case W2_ONE_PERCENT -> scale(dw2, 1.01);
            case B2_FORGOT_MEAN -> scale(new double[][] {db2}, m);
            case NONE -> {
            }
        }
        return ParameterArrays.builder().add("W1", dw1).add("b1", db1).add("W2", dw2).add("b2", db2).build();
    }

    private static void scale(double[][] values, double factor) {
        for (double[] row : values) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
    }

    /** The block the bug is in. */
    static String blockOf(Bug bug) {
        return switch (bug) {
            case W1_DOUBLED -> "W1";
            case B1_SIGN -> "b1";
            case W2_ONE_PERCENT -> "W2";
            case B2_FORGOT_MEAN -> "b2";
            case NONE -> "";
        };
    }
}
