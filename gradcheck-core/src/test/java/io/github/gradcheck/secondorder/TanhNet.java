package io.github.gradcheck.secondorder;

import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterVector;
import io.github.gradcheck.TwiceDifferentiableModel;
import java.util.Random;

/**
 * A one-hidden-layer tanh network, o = w2·tanh(W1 x + b1) + b2, with the mean squared error
 * J = (1/2m) Σ (o − y)², and its Hessian-vector product by Pearlmutter's R-operator, by hand:
 * R{a} = V1 x + vb1, R{h} = (1 − h²) ∘ R{a}, R{o} = v2·h + w2·R{h} + vb2, then the backward pass
 * differentiated: R{δo} = R{o}/m, R{dh} = R{δo} w2 + δo v2, R{da} = R{dh} ∘ (1 − h²) − 2 dh ∘ h ∘ R{h}.
 */
final class TanhNet implements TwiceDifferentiableModel {

    /** Bugs in H·v only; each a slip of a hand-written R-operator. */
    enum Bug {
        NONE,
        /** R{dh} without δo·v2: the output weights' own direction forgotten. */
        MISSING_OUTPUT_WEIGHT_DIRECTION,
        /** R{da} without −2 dh ∘ h ∘ R{h}: the Gauss-Newton matrix passed off as the Hessian. */
        GAUSS_NEWTON_INSTEAD_OF_HESSIAN,
        /** R{gw2} without δo R{h}. */
        MISSING_HIDDEN_DIRECTION_IN_W2
    }

    final double[][] w1;
    final double[] b1;
    final double[] w2;
    final double[] b2 = new double[1];
    private final double[][] x;
    private final double[] y;
    private final Bug bug;

    TanhNet(int features, int hidden, int examples, long seed, Bug bug) {
        Random random = new Random(seed);
        w1 = new double[hidden][features];
        b1 = new double[hidden];
        w2 = new double[hidden];
        for (int k = 0; k < hidden; k++) {
            for (int j = 0; j < features; j++) {
                w1[k][j] = random.nextGaussian() / Math.sqrt(features);
            }
            b1[k] = 0.2 * random.nextGaussian();
            w2[k] = random.nextGaussian() / Math.sqrt(hidden);
        }
        b2[0] = 0.1;
        x = new double[examples][features];
        y = new double[examples];
        for (int i = 0; i < examples; i++) {
            for (int j = 0; j < features; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i] = Math.sin(x[i][0]) + 0.5 * random.nextGaussian();
        }
        this.bug = bug;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W1", w1).add("b1", b1).add("w2", w2).add("b2", b2).build();
    }

    private double[] hidden(int i) {
        double[] h = new double[b1.length];
        for (int k = 0; k < h.length; k++) {
            double a = b1[k];
            for (int j = 0; j < x[i].length; j++) {
                a += w1[k][j] * x[i][j];
            }
            h[k] = Math.tanh(a);
        }
        return h;
    }

    private double output(double[] h) {
        double o = b2[0];
        for (int k = 0; k < h.length; k++) {
            o += w2[k] * h[k];
        }
        return o;
    }

    @Override
    public double loss() {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double e = output(hidden(i)) - y[i];
            sum += e * e;
        }
        return sum / (2 * y.length);
    }

    @Override
    public ParameterArrays gradient() {
        int m = y.length;
        double[][] g1 = new double[w1.length][w1[0].length];
        double[] gb1 = new double[b1.length];
        double[] g2 = new double[w2.length];
        double[] gb2 = new double[1];
        for (int i = 0; i < m; i++) {
            double[] h = hidden(i);
            double delta = (output(h) - y[i]) / m;
            gb2[0] += delta;
            for (int k = 0; k < h.length; k++) {
                g2[k] += delta * h[k];
                double da = delta * w2[k] * (1 - h[k] * h[k]);
                gb1[k] += da;
                for (int j = 0; j < x[i].length; j++) {
                    g1[k][j] += da * x[i][j];
                }
            }
        }
        return ParameterArrays.builder().add("W1", g1).add("b1", gb1).add("w2", g2).add("b2", gb2).build();
    }

    @Override
    public ParameterArrays hessianVectorProduct(ParameterVector v) {
        double[][] v1 = v.matrix("W1");
        double[] vb1 = v.vector("b1");
        double[] v2 = v.vector("w2");
        double vb2 = v.scalar("b2");
        int m = y.length;
        double[][] h1 = new double[w1.length][w1[0].length];
        double[] hb1 = new double[b1.length];
        double[] h2 = new double[w2.length];
        double[] hb2 = new double[1];
        for (int i = 0; i < m; i++) {
            double[] h = hidden(i);
            double delta = (output(h) - y[i]) / m;
            double[] rh = new double[h.length];
            double ro = vb2;
            for (int k = 0; k < h.length; k++) {
                double ra = vb1[k];
                for (int j = 0; j < x[i].length; j++) {
                    ra += v1[k][j] * x[i][j];
                }
                rh[k] = (1 - h[k] * h[k]) * ra;
                ro += v2[k] * h[k] + w2[k] * rh[k];
            }
            double rDelta = ro / m;
            hb2[0] += rDelta;
            for (int k = 0; k < h.length; k++) {
                h2[k] += rDelta * h[k] + (bug == Bug.MISSING_HIDDEN_DIRECTION_IN_W2 ? 0 : delta * rh[k]);
                double dh = delta * w2[k];
                double rdh = rDelta * w2[k] + (bug == Bug.MISSING_OUTPUT_WEIGHT_DIRECTION ? 0 : delta * v2[k]);
                double rda = rdh * (1 - h[k] * h[k])
                        - (bug == Bug.GAUSS_NEWTON_INSTEAD_OF_HESSIAN ? 0 : 2 * dh * h[k] * rh[k]);
                hb1[k] += rda;
                for (int j = 0; j < x[i].length; j++) {
                    h1[k][j] += rda * x[i][j];
                }
            }
        }
        return ParameterArrays.builder().add("W1", h1).add("b1", hb1).add("w2", h2).add("b2", hb2).build();
    }
}
