package io.github.gradcheck.examples;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;

/**
 * A whole model that also declares its data as an input block: a one-hidden-layer tanh network
 * with a logistic loss, J = (1/m) Σᵢ ℓ(yᵢ, σ(w2ᵀ tanh(W1 xᵢ + b1) + b2)), checked for dJ/dX
 * (a saliency map, or the direction of an adversarial example) alongside its parameters.
 */
public final class SaliencyNet implements DifferentiableModel {

    final double[][] x;
    final double[] labels;
    final double[][] w1;
    final double[] b1;
    final double[] w2;
    final double[] b2;
    private final boolean forgetMeanInDx;

    public SaliencyNet(double[][] x, double[] labels, double[][] w1, double[] b1, double[] w2, double[] b2) {
        this(x, labels, w1, b1, w2, b2, false);
    }

    private SaliencyNet(double[][] x, double[] labels, double[][] w1, double[] b1, double[] w2, double[] b2,
                        boolean forgetMeanInDx) {
        this.x = x;
        this.labels = labels;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.forgetMeanInDx = forgetMeanInDx;
    }

    /** A planted bug: dX without the 1/m of the batch mean (the parameters' gradients have it). */
    public SaliencyNet withoutTheMeanInDx() {
        return new SaliencyNet(x, labels, w1, b1, w2, b2, true);
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W1", w1).add("b1", b1).add("w2", w2).add("b2", b2).input("X", x).build();
    }

    @Override
    public double loss() {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double p = sigmoid(output(hidden(x[i])));
            sum -= labels[i] * Math.log(p) + (1 - labels[i]) * Math.log(1 - p);
        }
        return sum / x.length;
    }

    @Override
    public ParameterArrays gradient() {
        int m = x.length;
        double[][] dw1 = new double[w1.length][x[0].length];
        double[] db1 = new double[b1.length];
        double[] dw2 = new double[w2.length];
        double[] db2 = new double[1];
        double[][] dx = new double[m][x[0].length];
        for (int i = 0; i < m; i++) {
            double[] h = hidden(x[i]);
            double dz = (sigmoid(output(h)) - labels[i]) / m;
            db2[0] += dz;
            for (int u = 0; u < h.length; u++) {
                dw2[u] += dz * h[u];
                double da = dz * w2[u] * (1 - h[u] * h[u]);
                db1[u] += da;
                for (int j = 0; j < x[i].length; j++) {
                    dw1[u][j] += da * x[i][j];
                    dx[i][j] += (forgetMeanInDx ? m : 1) * da * w1[u][j];
                }
            }
        }
        return ParameterArrays.builder().add("W1", dw1).add("b1", db1).add("w2", dw2).add("b2", db2).add("X", dx).build();
    }

    private double[] hidden(double[] xi) {
        double[] h = new double[w1.length];
        for (int u = 0; u < w1.length; u++) {
            double a = b1[u];
            for (int j = 0; j < xi.length; j++) {
                a += w1[u][j] * xi[j];
            }
            h[u] = Math.tanh(a);
        }
        return h;
    }

    private double output(double[] h) {
        double z = b2[0];
        for (int u = 0; u < h.length; u++) {
            z += w2[u] * h[u];
        }
        return z;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
