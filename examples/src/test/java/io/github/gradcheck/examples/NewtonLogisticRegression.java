package io.github.gradcheck.examples;

import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterVector;
import io.github.gradcheck.TwiceDifferentiableModel;
import java.util.Random;

/**
 * Binary logistic regression as a Newton-CG solver needs it: the loss, its gradient and its
 * Hessian-vector product, never the Hessian itself. J(w, b) = (1/m) Σ ℓ(yᵢ, σ(wᵀxᵢ + b)) + (λ/2)‖w‖²;
 * for v = (v_w, v_b), with zᵢ = v_wᵀxᵢ + v_b and sᵢ = σᵢ(1 − σᵢ):
 * (Hv)_w = (1/m) Σ sᵢ zᵢ xᵢ + λ v_w, (Hv)_b = (1/m) Σ sᵢ zᵢ.
 *
 * <p>{@link #withoutSigmoidDerivative} has a slip that is easy to make when the gradient's
 * σ − y is differentiated by eye: the sᵢ factor forgotten, as if σ were linear.
 */
public final class NewtonLogisticRegression implements TwiceDifferentiableModel {

    private final double[][] x;
    private final double[] y;
    private final double lambda;
    private final boolean sigmoidDerivative;
    private final double[] w;
    private final double[] b = new double[1];

    private NewtonLogisticRegression(int m, int d, double lambda, long seed, boolean sigmoidDerivative) {
        Random random = new Random(seed);
        this.x = new double[m][d];
        this.y = new double[m];
        this.w = new double[d];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i] = random.nextBoolean() ? 1 : 0;
        }
        for (int j = 0; j < d; j++) {
            w[j] = 0.5 * random.nextGaussian();
        }
        b[0] = 0.1;
        this.lambda = lambda;
        this.sigmoidDerivative = sigmoidDerivative;
    }

    /** A random problem with m examples of d features. */
    public static NewtonLogisticRegression of(int m, int d, double lambda, long seed) {
        return new NewtonLogisticRegression(m, d, lambda, seed, true);
    }

    /** The same problem with sᵢ = σᵢ(1 − σᵢ) forgotten in the Hessian-vector product. */
    public static NewtonLogisticRegression withoutSigmoidDerivative(int m, int d, double lambda, long seed) {
        return new NewtonLogisticRegression(m, d, lambda, seed, false);
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("w", w).add("b", b).build();
    }

    private double sigmoid(int i) {
        double z = b[0];
        for (int j = 0; j < w.length; j++) {
            z += w[j] * x[i][j];
        }
        return 1 / (1 + Math.exp(-z));
    }

    @Override
    public double loss() {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double p = sigmoid(i);
            sum -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
        }
        double squaredNorm = 0;
        for (double wj : w) {
            squaredNorm += wj * wj;
        }
        return sum / y.length + lambda / 2 * squaredNorm;
    }

    @Override
    public ParameterArrays gradient() {
        int m = y.length;
        double[] gw = new double[w.length];
        double[] gb = new double[1];
        for (int i = 0; i < m; i++) {
            double r = (sigmoid(i) - y[i]) / m;
            gb[0] += r;
            for (int j = 0; j < w.length; j++) {
                gw[j] += r * x[i][j];
            }
        }
        for (int j = 0; j < w.length; j++) {
            gw[j] += lambda * w[j];
        }
        return ParameterArrays.builder().add("w", gw).add("b", gb).build();
    }

    @Override
    public ParameterArrays hessianVectorProduct(ParameterVector v) {
        double[] vw = v.vector("w");
        double vb = v.scalar("b");
        int m = y.length;
        double[] hw = new double[w.length];
        double[] hb = new double[1];
        for (int i = 0; i < m; i++) {
            double p = sigmoid(i);
            double s = sigmoidDerivative ? p * (1 - p) : 1;
            double z = vb;
            for (int j = 0; j < w.length; j++) {
                z += vw[j] * x[i][j];
            }
            hb[0] += s * z / m;
            for (int j = 0; j < w.length; j++) {
                hw[j] += s * z * x[i][j] / m;
            }
        }
        for (int j = 0; j < w.length; j++) {
            hw[j] += lambda * vw[j];
        }
        return ParameterArrays.builder().add("w", hw).add("b", hb).build();
    }

    @Override
    public int batchSize() {
        return y.length;
    }
}
