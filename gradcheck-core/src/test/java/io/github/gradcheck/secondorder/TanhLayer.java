package io.github.gradcheck.secondorder;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterVector;
import io.github.gradcheck.TwiceDifferentiableLayer;
import java.util.Random;

/**
 * y = tanh(W x), with its backward pass and its double backward written by hand. With a = W x,
 * t = tanh(a), δ = dy ∘ (1 − t²): dx = Wᵀδ, dW = δ xᵀ. For v = (vx, vW), r = W vx + vW x and
 * q = r ∘ dy ∘ (−2t(1 − t²)), the gradient of ⟨v, backward⟩ = ⟨r, δ⟩ is dx = Wᵀq + vWᵀδ,
 * dW = q xᵀ + δ vxᵀ.
 */
final class TanhLayer implements TwiceDifferentiableLayer {

    /** Bugs, each in one pass. */
    enum Bug {
        NONE,
        /** Double backward without vWᵀδ in dx: ⟨vW, dW⟩ = ⟨vW, δ xᵀ⟩ differentiated through δ only, not through x. */
        DOUBLE_BACKWARD_MISSING_TERM,
        /** Double backward with the curvature tanh'' of the wrong sign: q = r ∘ dy ∘ (+2t(1 − t²)). */
        DOUBLE_BACKWARD_WRONG_SIGN,
        /** The backward pass (first order) without the 1 − t² factor in δ. */
        BACKWARD_MISSING_DERIVATIVE
    }

    final double[][] w;
    private final Bug bug;

    TanhLayer(int outputs, int features, long seed, Bug bug) {
        Random random = new Random(seed);
        this.w = new double[outputs][features];
        for (double[] row : w) {
            for (int j = 0; j < features; j++) {
                row[j] = 0.7 * random.nextGaussian();
            }
        }
        this.bug = bug;
    }

    static double[] input(int features, long seed) {
        Random random = new Random(seed + 1000);
        double[] x = new double[features];
        for (int j = 0; j < features; j++) {
            x[j] = random.nextGaussian();
        }
        return x;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W", w).build();
    }

    private double[] tanhOfWx(double[] x) {
        double[] t = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            double a = 0;
            for (int j = 0; j < x.length; j++) {
                a += w[i][j] * x[j];
            }
            t[i] = Math.tanh(a);
        }
        return t;
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        return tanhOfWx(inputs.vector("x"));
    }

    private double[] delta(double[] t, double[] dy) {
        double[] delta = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            delta[i] = dy[i] * (bug == Bug.BACKWARD_MISSING_DERIVATIVE ? 1 : 1 - t[i] * t[i]);
        }
        return delta;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[] x = inputs.vector("x");
        double[] delta = delta(tanhOfWx(x), dy);
        double[] dx = new double[x.length];
        double[][] dw = new double[w.length][x.length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < x.length; j++) {
                dx[j] += w[i][j] * delta[i];
                dw[i][j] = delta[i] * x[j];
            }
        }
        return ParameterArrays.builder().add("x", dx).add("W", dw).build();
    }

    @Override
    public ParameterArrays doubleBackward(LayerInputs inputs, double[] dy, ParameterVector v) {
        double[] x = inputs.vector("x");
        double[] vx = v.vector("x");
        double[][] vw = v.matrix("W");
        double[] t = tanhOfWx(x);
        double[] delta = delta(t, dy);
        double curvature = bug == Bug.DOUBLE_BACKWARD_WRONG_SIGN ? 2 : -2;
        double[] q = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            double r = 0;
            for (int j = 0; j < x.length; j++) {
                r += w[i][j] * vx[j] + vw[i][j] * x[j];
            }
            q[i] = r * dy[i] * curvature * t[i] * (1 - t[i] * t[i]);
        }
        double[] dx = new double[x.length];
        double[][] dw = new double[w.length][x.length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < x.length; j++) {
                dx[j] += w[i][j] * q[i] + (bug == Bug.DOUBLE_BACKWARD_MISSING_TERM ? 0 : vw[i][j] * delta[i]);
                dw[i][j] = q[i] * x[j] + delta[i] * vx[j];
            }
        }
        return ParameterArrays.builder().add("x", dx).add("W", dw).build();
    }
}
