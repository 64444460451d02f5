package io.github.gradcheck.heldoutlayers;

import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterVector;
import io.github.gradcheck.TwiceDifferentiableModel;
import java.util.SplittableRandom;

/**
 * Poisson regression with a log link, 3 features and 6 examples: J = Σ (e^{zᵢ} − yᵢ zᵢ) / m +
 * (λ/2)‖w‖², zᵢ = wᵀxᵢ + b; its Hessian-vector product by hand: tᵢ = v_wᵀxᵢ + v_b,
 * (Hv)_w = Σ e^{zᵢ} tᵢ xᵢ / m + λ v_w, (Hv)_b = Σ e^{zᵢ} tᵢ / m. Each bug is in H·v only.
 */
final class PoissonRegressionHessian implements TwiceDifferentiableModel {

    /** Slips of hand-written second-order code. */
    enum Bug {
        /** No λ v_w in (Hv)_w. */
        WITHOUT_L2_CURVATURE,
        /** The curvature weight e^{z} − y (the gradient's residual) instead of e^{z}. */
        RESIDUAL_AS_CURVATURE,
        /** (Hv)_b = Σ e^{zᵢ} v_b / m: the b–w cross term forgotten in b's row only. */
        BIAS_ROW_WITHOUT_CROSS_TERM
    }

    static final int FEATURES = 3;
    static final int EXAMPLES = 6;
    static final double LAMBDA = 0.1;

    final double[] w;
    final double[] b;
    private final double[][] x;
    private final double[] counts = new double[EXAMPLES];
    private final Bug bug;

    PoissonRegressionHessian(long seed, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        w = Draws.uniform(random, FEATURES, -0.5, 0.5);
        b = Draws.uniform(random, 1, -0.5, 0.5);
        x = Draws.uniform(random, EXAMPLES, FEATURES, -1.5, 1.5);
        for (int i = 0; i < EXAMPLES; i++) {
            counts[i] = random.nextInt(5);
        }
        this.bug = bug;
    }

    @Override
    public String name() {
        return "PoissonRegression" + (bug == null ? "" : "[" + bug + "]");
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("w", w).add("b", b).build();
    }

    private double z(int i) {
        double z = b[0];
        for (int j = 0; j < FEATURES; j++) {
            z += w[j] * x[i][j];
        }
        return z;
    }

    @Override
    public double loss() {
        double loss = 0;
        for (int i = 0; i < EXAMPLES; i++) {
            double z = z(i);
            loss += (Math.exp(z) - counts[i] * z) / EXAMPLES;
        }
        for (double v : w) {
            loss += 0.5 * LAMBDA * v * v;
        }
        return loss;
    }

    @Override
    public ParameterArrays gradient() {
        double[] dw = new double[FEATURES];
        double[] db = new double[1];
        for (int i = 0; i < EXAMPLES; i++) {
            double r = (Math.exp(z(i)) - counts[i]) / EXAMPLES;
            db[0] += r;
            for (int j = 0; j < FEATURES; j++) {
                dw[j] += r * x[i][j];
            }
        }
        for (int j = 0; j < FEATURES; j++) {
            dw[j] += LAMBDA * w[j];
        }
        return ParameterArrays.builder().add("w", dw).add("b", db).build();
    }

    @Override
    public ParameterArrays hessianVectorProduct(ParameterVector v) {
        double[] vw = v.vector("w");
        double vb = v.scalar("b");
        double[] hw = new double[FEATURES];
        double[] hb = new double[1];
        for (int i = 0; i < EXAMPLES; i++) {
            double mu = Math.exp(z(i));
            double weight = bug == Bug.RESIDUAL_AS_CURVATURE ? mu - counts[i] : mu;
            double t = vb;
            for (int j = 0; j < FEATURES; j++) {
                t += vw[j] * x[i][j];
            }
            hb[0] += weight * (bug == Bug.BIAS_ROW_WITHOUT_CROSS_TERM ? vb : t) / EXAMPLES;
            for (int j = 0; j < FEATURES; j++) {
                hw[j] += weight * t * x[i][j] / EXAMPLES;
            }
        }
        if (bug != Bug.WITHOUT_L2_CURVATURE) {
            for (int j = 0; j < FEATURES; j++) {
                hw[j] += LAMBDA * vw[j];
            }
        }
        return ParameterArrays.builder().add("w", hw).add("b", hb).build();
    }
}
