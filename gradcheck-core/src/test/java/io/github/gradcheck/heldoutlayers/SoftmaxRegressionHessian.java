package io.github.gradcheck.heldoutlayers;

import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterVector;
import io.github.gradcheck.TwiceDifferentiableModel;
import java.util.SplittableRandom;

/**
 * Softmax regression, 3 classes over 2 features and 5 examples, mean cross-entropy plus
 * (λ/2)‖W‖² (b not regularised), with its Hessian-vector product by hand: for v = (V, vb),
 * uᵢ = V xᵢ + vb, sᵢ = pᵢ ∘ uᵢ − pᵢ (pᵢᵀuᵢ) (the softmax's Jacobian times uᵢ),
 * (Hv)_W = Σ sᵢ xᵢᵀ / m + λV, (Hv)_b = Σ sᵢ / m. Each bug is in H·v only.
 */
final class SoftmaxRegressionHessian implements TwiceDifferentiableModel {

    /** Slips of hand-written second-order code. */
    enum Bug {
        /** sᵢ = pᵢ ∘ uᵢ: the softmax's Jacobian from its diagonal only, − pᵢ(pᵢᵀuᵢ) forgotten. */
        DIAGONAL_ONLY,
        /** sᵢ = pᵢ ∘ uᵢ + pᵢ (pᵢᵀuᵢ): the outer product's sign turned. */
        OUTER_TERM_SIGN_TURNED,
        /** uᵢ = V xᵢ without vb: the W–b cross terms forgotten. */
        U_WITHOUT_BIAS_DIRECTION,
        /** (Hv)_b += λ vb: the regulariser's curvature added to the bias too. */
        L2_CURVATURE_ON_BIAS
    }

    static final int CLASSES = 3;
    static final int FEATURES = 2;
    static final int EXAMPLES = 5;
    static final double LAMBDA = 0.1;

    final double[][] w;
    final double[] b;
    private final double[][] x;
    private final int[] labels = new int[EXAMPLES];
    private final Bug bug;

    SoftmaxRegressionHessian(long seed, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        w = Draws.uniform(random, CLASSES, FEATURES, -1, 1);
        b = Draws.uniform(random, CLASSES, -0.5, 0.5);
        x = Draws.uniform(random, EXAMPLES, FEATURES, -2, 2);
        for (int i = 0; i < EXAMPLES; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        this.bug = bug;
    }

    @Override
    public String name() {
        return "SoftmaxRegression" + (bug == null ? "" : "[" + bug + "]");
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W", w).add("b", b).build();
    }

    private double[] probabilities(double[] xi) {
        double[] p = new double[CLASSES];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CLASSES; c++) {
            p[c] = b[c] + w[c][0] * xi[0] + w[c][1] * xi[1];
            max = Math.max(max, p[c]);
        }
        double sum = 0;
        for (int c = 0; c < CLASSES; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < CLASSES; c++) {
            p[c] /= sum;
        }
        return p;
    }

    @Override
    public double loss() {
        double loss = 0;
        for (int i = 0; i < EXAMPLES; i++) {
            loss -= Math.log(probabilities(x[i])[labels[i]]) / EXAMPLES;
        }
        for (double[] row : w) {
            for (double v : row) {
                loss += 0.5 * LAMBDA * v * v;
            }
        }
        return loss;
    }

    @Override
    public ParameterArrays gradient() {
        double[][] dw = new double[CLASSES][FEATURES];
        double[] db = new double[CLASSES];
        for (int i = 0; i < EXAMPLES; i++) {
            double[] p = probabilities(x[i]);
            for (int c = 0; c < CLASSES; c++) {
                double r = (p[c] - (c == labels[i] ? 1 : 0)) / EXAMPLES;
                db[c] += r;
                for (int j = 0; j < FEATURES; j++) {
                    dw[c][j] += r * x[i][j];
                }
            }
        }
        for (int c = 0; c < CLASSES; c++) {
            for (int j = 0; j < FEATURES; j++) {
                dw[c][j] += LAMBDA * w[c][j];
            }
        }
        return ParameterArrays.builder().add("W", dw).add("b", db).build();
    }

    @Override
    public ParameterArrays hessianVectorProduct(ParameterVector v) {
        double[][] vw = v.matrix("W");
        double[] vb = v.vector("b");
        double[][] hw = new double[CLASSES][FEATURES];
        double[] hb = new double[CLASSES];
        for (int i = 0; i < EXAMPLES; i++) {
            double[] p = probabilities(x[i]);
            double[] u = new double[CLASSES];
            double pu = 0;
            for (int c = 0; c < CLASSES; c++) {
                u[c] = (bug == Bug.U_WITHOUT_BIAS_DIRECTION ? 0 : vb[c]) + vw[c][0] * x[i][0] + vw[c][1] * x[i][1];
                pu += p[c] * u[c];
            }
            for (int c = 0; c < CLASSES; c++) {
                double s = bug == Bug.DIAGONAL_ONLY ? p[c] * u[c]
                        : bug == Bug.OUTER_TERM_SIGN_TURNED ? p[c] * u[c] + p[c] * pu : p[c] * u[c] - p[c] * pu;
                hb[c] += s / EXAMPLES;
                for (int j = 0; j < FEATURES; j++) {
                    hw[c][j] += s * x[i][j] / EXAMPLES;
                }
            }
        }
        for (int c = 0; c < CLASSES; c++) {
            for (int j = 0; j < FEATURES; j++) {
                hw[c][j] += LAMBDA * vw[c][j];
            }
            if (bug == Bug.L2_CURVATURE_ON_BIAS) {
                hb[c] += LAMBDA * vb[c];
            }
        }
        return ParameterArrays.builder().add("W", hw).add("b", hb).build();
    }
}
