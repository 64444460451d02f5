package io.github.gradcheck.secondorder;

import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterVector;
import io.github.gradcheck.TwiceDifferentiableModel;
import java.util.Random;

/**
 * Logistic regression with k independent sigmoid outputs (k = 1 is the binary case), mean
 * cross-entropy over m examples plus (λ/2)‖W‖², with its Hessian-vector product written by hand:
 * for v = (V, vb), z = V x + vb, s = σ(1 − σ), (Hv)_W = (s ∘ z) xᵀ / m + λV, (Hv)_b = Σ s ∘ z / m.
 * Each {@link Bug} is wrong in H·v only; the gradient is always right.
 */
final class LogisticHessian implements TwiceDifferentiableModel {

    /** Bugs in the Hessian-vector product, each a slip of hand-written second-order code. */
    enum Bug {
        NONE,
        /** s = 1: the σ(1 − σ) factor forgotten. */
        MISSING_SIGMOID_DERIVATIVE,
        /** The data term subtracted: −(s ∘ z) xᵀ / m + λV. */
        WRONG_SIGN,
        /** No λV in (Hv)_W. */
        MISSING_REGULARISATION,
        /** z = Vᵀ x instead of V x (square W only). */
        TRANSPOSED_BLOCK,
        /** The data term without its 1/m. */
        MISSING_ONE_OVER_M,
        /** One diagonal entry of H off by 0.05: (Hv)_W[1][2] += 0.05 V[1][2]. */
        ONE_ELEMENT,
        /** z = V x without vb: the cross terms between W and b forgotten. */
        MISSING_CROSS_TERM
    }

    final double[][] w;
    final double[] b;
    private final double[][] x;
    private final double[][] y;
    private final double lambda;
    private final Bug bug;
    int gradientCalls;
    int hvpCalls;

    LogisticHessian(int outputs, int features, int examples, long seed, Bug bug) {
        Random random = new Random(seed);
        this.w = new double[outputs][features];
        this.b = new double[outputs];
        this.x = new double[examples][features];
        this.y = new double[examples][outputs];
        for (double[] row : w) {
            for (int j = 0; j < features; j++) {
                row[j] = 0.5 * random.nextGaussian();
            }
        }
        for (int c = 0; c < outputs; c++) {
            b[c] = 0.3 * random.nextGaussian();
        }
        for (int i = 0; i < examples; i++) {
            for (int j = 0; j < features; j++) {
                x[i][j] = random.nextGaussian();
            }
            for (int c = 0; c < outputs; c++) {
                y[i][c] = random.nextBoolean() ? 1 : 0;
            }
        }
        this.lambda = 0.1;
        this.bug = bug;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W", w).add("b", b).build();
    }

    private double[][] sigmoids() {
        double[][] a = new double[x.length][b.length];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < b.length; c++) {
                double z = b[c];
                for (int j = 0; j < x[i].length; j++) {
                    z += w[c][j] * x[i][j];
                }
                a[i][c] = 1 / (1 + Math.exp(-z));
            }
        }
        return a;
    }

    @Override
    public double loss() {
        double[][] a = sigmoids();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < b.length; c++) {
                sum -= y[i][c] * Math.log(a[i][c]) + (1 - y[i][c]) * Math.log(1 - a[i][c]);
            }
        }
        double penalty = 0;
        for (double[] row : w) {
            for (double v : row) {
                penalty += v * v;
            }
        }
        return sum / x.length + lambda / 2 * penalty;
    }

    @Override
    public ParameterArrays gradient() {
        gradientCalls++;
        double[][] a = sigmoids();
        double[][] dw = new double[w.length][w[0].length];
        double[] db = new double[b.length];
        int m = x.length;
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < b.length; c++) {
                double r = (a[i][c] - y[i][c]) / m;
                db[c] += r;
                for (int j = 0; j < w[c].length; j++) {
                    dw[c][j] += r * x[i][j];
                }
            }
        }
        for (int c = 0; c < w.length; c++) {
            for (int j = 0; j < w[c].length; j++) {
                dw[c][j] += lambda * w[c][j];
            }
        }
        return ParameterArrays.builder().add("W", dw).add("b", db).build();
    }

    @Override
    public ParameterArrays hessianVectorProduct(ParameterVector v) {
        hvpCalls++;
        double[][] vw = v.matrix("W");
        double[] vb = v.vector("b");
        double[][] a = sigmoids();
        int m = x.length;
        double scale = bug == Bug.MISSING_ONE_OVER_M ? 1 : 1.0 / m;
        double sign = bug == Bug.WRONG_SIGN ? -1 : 1;
        double[][] hw = new double[w.length][w[0].length];
        double[] hb = new double[b.length];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < b.length; c++) {
                double z = bug == Bug.MISSING_CROSS_TERM ? 0 : vb[c];
                for (int j = 0; j < x[i].length; j++) {
                    z += (bug == Bug.TRANSPOSED_BLOCK ? vw[j][c] : vw[c][j]) * x[i][j];
                }
                double s = bug == Bug.MISSING_SIGMOID_DERIVATIVE ? 1 : a[i][c] * (1 - a[i][c]);
                double r = sign * scale * s * z;
                hb[c] += r;
                for (int j = 0; j < x[i].length; j++) {
                    hw[c][j] += r * x[i][j];
                }
            }
        }
        for (int c = 0; c < w.length; c++) {
            for (int j = 0; j < w[c].length; j++) {
                hw[c][j] += bug == Bug.MISSING_REGULARISATION ? 0 : lambda * vw[c][j];
            }
        }
        if (bug == Bug.ONE_ELEMENT) {
            hw[1][2] += 0.05 * vw[1][2];
        }
        return ParameterArrays.builder().add("W", hw).add("b", hb).build();
    }

    @Override
    public int batchSize() {
        return x.length;
    }
}
