package io.github.gradcheck.diagnosis;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.ParameterLayout;

/**
 * A three-layer perceptron with softplus activations, a squared loss averaged over m = 8 examples and
 * an L2 term λ/2 Σ‖W‖², its weights stored inputs × units as ND4J stores them (z = x·W + b), so that a
 * unit is a column of W and an element of b. θ = (W1 4×6, b1 6, W2 6×5, b2 5, W3 5×3, b3 3), in the
 * order of the forward pass. The backward pass is hand-written; a {@link Bug} changes it where a real
 * one would.
 */
final class SoftplusNet implements DifferentiableFunction {

    static final int IN = 4;
    static final int H1 = 6;
    static final int H2 = 5;
    static final int OUT = 3;
    static final int M = 8;
    static final ParameterLayout LAYOUT = ParameterLayout.builder().matrix("W1", IN, H1).vector("b1", H1)
            .matrix("W2", H1, H2).vector("b2", H2).matrix("W3", H2, OUT).vector("b3", OUT).build();
    static final int W1 = 0;
    static final int B1 = W1 + IN * H1;
    static final int W2 = B1 + H1;
    static final int B2 = W2 + H1 * H2;
    static final int W3 = B2 + H2;
    static final int B3 = W3 + H2 * OUT;
    static final int N = B3 + OUT;

    /** Where the backward pass goes wrong. */
    enum Bug {
        NONE,
        /** The sigmoid's derivative σ(1 − σ) in place of softplus' σ, at layer 1, for every unit. */
        LAYER1_DERIVATIVE,
        /** The same, for units 2 and 4 of layer 1 only. */
        LAYER1_DERIVATIVE_UNITS_2_4,
        /** The delta of layer 2 doubled before it is used and passed back. */
        DELTA2_DOUBLED,
        /** The data term's 1/m forgotten, the L2 term right. */
        DATA_TERM_WITHOUT_MEAN
    }

    private final double lambda;
    private final Bug bug;
    private final double[] x = Bugs.values(M * IN, 11);
    private final double[] y = Bugs.values(M * OUT, 12);

    SoftplusNet(double lambda, Bug bug) {
        this.lambda = lambda;
        this.bug = bug;
    }

    static double[] theta() {
        double[] theta = Bugs.values(N, 13);
        for (int k = 0; k < N; k++) {
            theta[k] *= 0.8;
        }
        return theta;
    }

    @Override
    public ParameterLayout layout() {
        return LAYOUT;
    }

    @Override
    public int batchSize() {
        return M;
    }

    @Override
    public String name() {
        return "SoftplusNet";
    }

    private static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** out = x·W + b for one example, W stored inputs × units at {@code w}, b at {@code b}. */
    private static double[] affine(double[] t, double[] in, int w, int b, int units) {
        double[] out = new double[units];
        for (int j = 0; j < units; j++) {
            double sum = t[b + j];
            for (int i = 0; i < in.length; i++) {
                sum += in[i] * t[w + i * units + j];
            }
            out[j] = sum;
        }
        return out;
    }

    private static double[] softplus(double[] z) {
        double[] a = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            a[j] = softplus(z[j]);
        }
        return a;
    }

    private double[] input(int s) {
        return java.util.Arrays.copyOfRange(x, s * IN, (s + 1) * IN);
    }

    @Override
    public double loss(double[] t) {
        double sum = 0;
        for (int s = 0; s < M; s++) {
            double[] z3 = affine(t, softplus(affine(t, softplus(affine(t, input(s), W1, B1, H1)), W2, B2, H2)), W3, B3, OUT);
            for (int o = 0; o < OUT; o++) {
                sum += 0.5 * (z3[o] - y[s * OUT + o]) * (z3[o] - y[s * OUT + o]);
            }
        }
        double l2 = 0;
        for (int k = 0; k < N; k++) {
            l2 += isWeight(k) ? t[k] * t[k] : 0;
        }
        return sum / M + lambda / 2 * l2;
    }

    private static boolean isWeight(int k) {
        return k < B1 || (k >= W2 && k < B2) || (k >= W3 && k < B3);
    }

    @Override
    public double[] gradient(double[] t) {
        double[] g = new double[N];
        double dataScale = bug == Bug.DATA_TERM_WITHOUT_MEAN ? 1 : 1.0 / M;
        for (int s = 0; s < M; s++) {
            double[] in = input(s);
            double[] z1 = affine(t, in, W1, B1, H1);
            double[] a1 = softplus(z1);
            double[] z2 = affine(t, a1, W2, B2, H2);
            double[] a2 = softplus(z2);
            double[] z3 = affine(t, a2, W3, B3, OUT);
            double[] d3 = new double[OUT];
            for (int o = 0; o < OUT; o++) {
                d3[o] = (z3[o] - y[s * OUT + o]) * dataScale;
            }
            double[] d2 = backward(t, g, a2, d3, W3, B3, OUT, z2, false);
            if (bug == Bug.DELTA2_DOUBLED) {
                for (int j = 0; j < d2.length; j++) {
                    d2[j] *= 2;
                }
            }
            double[] d1 = backward(t, g, a1, d2, W2, B2, H2, z1, true);
            accumulate(g, in, d1, W1, B1, H1);
        }
        for (int k = 0; k < N; k++) {
            g[k] += isWeight(k) ? lambda * t[k] : 0;
        }
        return g;
    }

    /**
     * Adds this layer's dW, db from {@code delta} and its input {@code in}; returns the delta of the layer
     * below: (δ·Wᵀ) ⊙ f'(z below), f' = σ for softplus (or, with the layer-1 bugs, σ(1 − σ)).
     */
    private double[] backward(double[] t, double[] g, double[] in, double[] delta, int w, int b, int units, double[] zBelow,
                              boolean intoLayer1) {
        accumulate(g, in, delta, w, b, units);
        double[] below = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            double sum = 0;
            for (int j = 0; j < units; j++) {
                sum += delta[j] * t[w + i * units + j];
            }
            double sigma = sigmoid(zBelow[i]);
            boolean wrong = intoLayer1 && (bug == Bug.LAYER1_DERIVATIVE || (bug == Bug.LAYER1_DERIVATIVE_UNITS_2_4 && (i == 2 || i == 4)));
            below[i] = sum * (wrong ? sigma * (1 - sigma) : sigma);
        }
        return below;
    }

    private static void accumulate(double[] g, double[] in, double[] delta, int w, int b, int units) {
        for (int j = 0; j < units; j++) {
            g[b + j] += delta[j];
            for (int i = 0; i < in.length; i++) {
                g[w + i * units + j] += in[i] * delta[j];
            }
        }
    }
}
