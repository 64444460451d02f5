package io.github.gradcheck.examples;

import io.github.gradcheck.DifferentiableLayer;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;

/**
 * A softmax-cross-entropy loss head: logits z[m][k] and integer class labels t[m], one loss per
 * example, y[i] = log Σⱼ exp z[i][j] − z[i][t[i]]. The labels are a constant input: read, not
 * differentiated. Backward: dz[i][j] = dy[i] · (softmax(z[i])[j] − [j = t[i]]).
 */
public final class SoftmaxCrossEntropy implements DifferentiableLayer {

    private final boolean diagonalOnly;

    public SoftmaxCrossEntropy() {
        this(false);
    }

    private SoftmaxCrossEntropy(boolean diagonalOnly) {
        this.diagonalOnly = diagonalOnly;
    }

    /**
     * A planted bug: dz backpropagated through the softmax's Jacobian diag(p) − p pᵀ with its
     * diagonal p(1 − p) only, which leaves dz[i][j] = 0 for every j other than the label.
     */
    public static SoftmaxCrossEntropy withTheSoftmaxJacobiansDiagonalOnly() {
        return new SoftmaxCrossEntropy(true);
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[][] z = inputs.matrix("logits");
        int[] labels = inputs.constant("labels", int[].class);
        double[] y = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            y[i] = -Math.log(softmax(z[i])[labels[i]]);
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[][] z = inputs.matrix("logits");
        int[] labels = inputs.constant("labels", int[].class);
        double[][] dz = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            double[] p = softmax(z[i]);
            // ∂y/∂p = −1/p[t] at the label; through diag(p) − p pᵀ that is p − onehot.
            dz[i] = new double[p.length];
            for (int j = 0; j < p.length; j++) {
                double gradient = diagonalOnly
                        ? (j == labels[i] ? p[j] * (1 - p[j]) * (-1 / p[j]) : 0)
                        : p[j] - (j == labels[i] ? 1 : 0);
                dz[i][j] = dy[i] * gradient;
            }
        }
        return ParameterArrays.builder().add("logits", dz).build();
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : z) {
            max = Math.max(max, value);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            p[j] = Math.exp(z[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < z.length; j++) {
            p[j] /= sum;
        }
        return p;
    }
}
