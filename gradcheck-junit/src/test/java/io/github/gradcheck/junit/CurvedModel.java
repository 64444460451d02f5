package io.github.gradcheck.junit;

import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterVector;
import io.github.gradcheck.TwiceDifferentiableModel;

/**
 * A small twice differentiable model for the second-order tests: J = Σ sin(w_i)·c + Σ w_i²/2, with
 * gradient (cos(w_i)·c + w_i, Σ sin(w_i)) and Hessian-vector product
 * ((1 − sin(w_i)·c)·v_w,i + cos(w_i)·v_c, Σ cos(w_i)·v_w,i). A bug can be planted in either.
 */
final class CurvedModel implements TwiceDifferentiableModel {

    /** Where the planted bug is. */
    enum Bug {
        /** None. */
        NONE,
        /** (H·v)_c without its cross term Σ cos(w_i)·v_w,i: H·v is wrong in c's row. */
        HVP_C_ROW,
        /** ∂J/∂c doubled: the gradient is wrong, so H·v is not compared. */
        GRADIENT_C
    }

    final double[] w = {0.4, -1.1, 0.7};
    final double[] c = {0.9};
    private final Bug bug;

    CurvedModel(Bug bug) {
        this.bug = bug;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("w", w).add("c", c).build();
    }

    @Override
    public double loss() {
        double loss = 0;
        for (double x : w) {
            loss += Math.sin(x) * c[0] + x * x / 2;
        }
        return loss;
    }

    @Override
    public ParameterArrays gradient() {
        double[] gw = new double[w.length];
        double gc = 0;
        for (int i = 0; i < w.length; i++) {
            gw[i] = Math.cos(w[i]) * c[0] + w[i];
            gc += Math.sin(w[i]);
        }
        return ParameterArrays.builder().add("w", gw).add("c", new double[] {bug == Bug.GRADIENT_C ? 2 * gc : gc}).build();
    }

    @Override
    public ParameterArrays hessianVectorProduct(ParameterVector v) {
        double[] vw = v.vector("w");
        double vc = v.vector("c")[0];
        double[] hw = new double[w.length];
        double hc = 0;
        for (int i = 0; i < w.length; i++) {
            hw[i] = (1 - Math.sin(w[i]) * c[0]) * vw[i] + Math.cos(w[i]) * vc;
            hc += Math.cos(w[i]) * vw[i];
        }
        return ParameterArrays.builder().add("w", hw).add("c", new double[] {bug == Bug.HVP_C_ROW ? 0 : hc}).build();
    }
}
