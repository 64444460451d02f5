package io.github.gradcheck.mutation;

import java.util.Random;
import java.util.function.DoubleSupplier;

/** The few array helpers the hand-written models share. */
final class Tensors {

    private Tensors() {
    }

    /** A rows×cols matrix of N(0, scale²) draws. */
    static double[][] gaussian(Random random, int rows, int cols, double scale) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int k = 0; k < cols; k++) {
                row[k] = scale * random.nextGaussian();
            }
        }
        return a;
    }

    /** A vector of N(0, scale²) draws. */
    static double[] gaussian(Random random, int n, double scale) {
        double[] a = new double[n];
        for (int k = 0; k < n; k++) {
            a[k] = scale * random.nextGaussian();
        }
        return a;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    /**
     * W·v + b, each element computed as {@code dot(W[i], v) + b[i]}, so that setting
     * {@code b[i] = -dot(W[i], v)} makes element i exactly 0.
     */
    static double[] affine(double[][] w, double[] v, double[] b) {
        double[] z = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            z[i] = dot(w[i], v) + b[i];
        }
        return z;
    }

    /** Wᵀ·d. */
    static double[] transposedTimes(double[][] w, double[] d) {
        double[] out = new double[w[0].length];
        for (int i = 0; i < w.length; i++) {
            for (int k = 0; k < out.length; k++) {
                out[k] += w[i][k] * d[i];
            }
        }
        return out;
    }

    /** a += d·vᵀ. */
    static void addOuter(double[][] a, double[] d, double[] v) {
        for (int i = 0; i < d.length; i++) {
            for (int k = 0; k < v.length; k++) {
                a[i][k] += d[i] * v[k];
            }
        }
    }

    static void add(double[] a, double[] d) {
        for (int i = 0; i < a.length; i++) {
            a[i] += d[i];
        }
    }

    static double[] relu(double[] z) {
        double[] a = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            a[i] = z[i] > 0 ? z[i] : 0;
        }
        return a;
    }

    static double[] tanh(double[] z) {
        double[] a = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            a[i] = Math.tanh(z[i]);
        }
        return a;
    }

    /** log Σ exp(zᵢ), without overflow. */
    static double logSumExp(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    static double[] softmax(double[] z) {
        double lse = logSumExp(z);
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - lse);
        }
        return p;
    }

    /** log(1 + eᶻ), without overflow. */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    static void scale(double[][] a, double factor) {
        for (double[] row : a) {
            scale(row, factor);
        }
    }

    static void scale(double[] a, double factor) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= factor;
        }
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[0].length; k++) {
                t[k][i] = a[i][k];
            }
        }
        return t;
    }

    /**
     * Multiplies {@code data} (inputs or targets) by whatever factor brings {@code loss} to about
     * {@link Variant#LARGE_LOSS}, for a loss that grows like (factor)^power: 1 for a cross-entropy
     * in scaled inputs, 2 for a squared loss in scaled targets.
     */
    static void scaleUntilLoss(double[][] data, double power, DoubleSupplier loss) {
        for (int step = 0; step < 60; step++) {
            double current = loss.getAsDouble();
            if (Math.abs(Math.log(current / Variant.LARGE_LOSS)) < 0.02) {
                return;
            }
            double factor = Math.pow(Variant.LARGE_LOSS / current, 1 / power);
            scale(data, Math.min(1e3, Math.max(1e-3, factor)));
        }
    }
}
