package io.github.gradcheck.heldoutlayers;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/**
 * One GRU step over a batch of 2, with x (2×3) and the previous state h (2×2) as two inputs and
 * no biases: z = σ(Wz x + Uz h), r = σ(Wr x + Ur h), n = tanh(Wn x + Un (r ∘ h)),
 * h' = (1 − z) ∘ n + z ∘ h. The W are 2×3, the U 2×2.
 */
final class GruCellLayer implements HeldOutLayer {

    /** The backward passes a person might write instead. */
    enum Bug {
        /** dh without the direct path z ∘ dh'. */
        DH_WITHOUT_DIRECT_PATH,
        /** dh through n taken as Unᵀ da_n, without the reset gate's r ∘. */
        DH_WITHOUT_RESET_GATE,
        /** dx without the reset gate's path Wrᵀ da_r. */
        DX_WITHOUT_RESET_PATH,
        /** dz = dh' ∘ (n − h): the update gate's sign turned. */
        DZ_SIGN_TURNED,
        /** dUn = da_n hᵀ instead of da_n (r ∘ h)ᵀ. */
        DUN_WITH_H_NOT_RESET_H,
        /** The reset gate's σ′ taken as σ instead of σ(1 − σ). */
        RESET_SIGMOID_DERIVATIVE_AS_SIGMOID
    }

    static final int BATCH = 2;
    static final int IN = 3;
    static final int HIDDEN = 2;

    final double[][] x;
    final double[][] h;
    final double[][] wz;
    final double[][] wr;
    final double[][] wn;
    final double[][] uz;
    final double[][] ur;
    final double[][] un;
    private final Bug bug;

    GruCellLayer(long seed, Variant variant, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        x = Draws.uniform(random, BATCH, IN, -1.5, 1.5);
        h = Draws.uniform(random, BATCH, HIDDEN, -1, 1);
        wz = Draws.uniform(random, HIDDEN, IN, -1, 1);
        wr = Draws.uniform(random, HIDDEN, IN, -1, 1);
        wn = Draws.uniform(random, HIDDEN, IN, -1, 1);
        uz = Draws.uniform(random, HIDDEN, HIDDEN, -1, 1);
        ur = Draws.uniform(random, HIDDEN, HIDDEN, -1, 1);
        un = Draws.uniform(random, HIDDEN, HIDDEN, -1, 1);
        this.bug = bug;
    }

    @Override
    public String name() {
        return "GruCell" + (bug == null ? "" : "[" + bug + "]");
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("x", x).add("h", h).build();
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("Wz", wz).add("Wr", wr).add("Wn", wn).add("Uz", uz).add("Ur", ur).add("Un", un)
                .build();
    }

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    private static double affine(double[] w, double[] x, double[] u, double[] h) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += w[k] * x[k];
        }
        for (int k = 0; k < h.length; k++) {
            sum += u[k] * h[k];
        }
        return sum;
    }

    /** The gates of one example: z, r, r ∘ h, n. */
    private double[][] gates(double[] xb, double[] hb) {
        double[] z = new double[HIDDEN];
        double[] r = new double[HIDDEN];
        double[] q = new double[HIDDEN];
        double[] n = new double[HIDDEN];
        for (int j = 0; j < HIDDEN; j++) {
            z[j] = sigmoid(affine(wz[j], xb, uz[j], hb));
            r[j] = sigmoid(affine(wr[j], xb, ur[j], hb));
            q[j] = r[j] * hb[j];
        }
        for (int j = 0; j < HIDDEN; j++) {
            n[j] = Math.tanh(affine(wn[j], xb, un[j], q));
        }
        return new double[][] {z, r, q, n};
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[][] xs = inputs.matrix("x");
        double[][] hs = inputs.matrix("h");
        double[] y = new double[BATCH * HIDDEN];
        for (int b = 0; b < BATCH; b++) {
            double[][] g = gates(xs[b], hs[b]);
            for (int j = 0; j < HIDDEN; j++) {
                y[b * HIDDEN + j] = (1 - g[0][j]) * g[3][j] + g[0][j] * hs[b][j];
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[][] xs = inputs.matrix("x");
        double[][] hs = inputs.matrix("h");
        double[][] dx = new double[BATCH][IN];
        double[][] dh = new double[BATCH][HIDDEN];
        double[][] dwz = new double[HIDDEN][IN];
        double[][] dwr = new double[HIDDEN][IN];
        double[][] dwn = new double[HIDDEN][IN];
        double[][] duz = new double[HIDDEN][HIDDEN];
        double[][] dur = new double[HIDDEN][HIDDEN];
        double[][] dun = new double[HIDDEN][HIDDEN];
        for (int b = 0; b < BATCH; b++) {
            double[][] g = gates(xs[b], hs[b]);
            double[] z = g[0];
            double[] r = g[1];
            double[] q = g[2];
            double[] n = g[3];
            double[] daN = new double[HIDDEN];
            double[] daZ = new double[HIDDEN];
            for (int j = 0; j < HIDDEN; j++) {
                double dOut = dy[b * HIDDEN + j];
                daN[j] = dOut * (1 - z[j]) * (1 - n[j] * n[j]);
                double dz = bug == Bug.DZ_SIGN_TURNED ? dOut * (n[j] - hs[b][j]) : dOut * (hs[b][j] - n[j]);
                daZ[j] = dz * z[j] * (1 - z[j]);
                if (bug != Bug.DH_WITHOUT_DIRECT_PATH) {
                    dh[b][j] += dOut * z[j];
                }
            }
            double[] dq = new double[HIDDEN];
            for (int j = 0; j < HIDDEN; j++) {
                for (int k = 0; k < HIDDEN; k++) {
                    dq[k] += un[j][k] * daN[j];
                    dun[j][k] += daN[j] * (bug == Bug.DUN_WITH_H_NOT_RESET_H ? hs[b][k] : q[k]);
                }
            }
            double[] daR = new double[HIDDEN];
            for (int k = 0; k < HIDDEN; k++) {
                double dr = dq[k] * hs[b][k];
                daR[k] = bug == Bug.RESET_SIGMOID_DERIVATIVE_AS_SIGMOID ? dr * r[k] : dr * r[k] * (1 - r[k]);
                dh[b][k] += bug == Bug.DH_WITHOUT_RESET_GATE ? dq[k] : dq[k] * r[k];
            }
            for (int j = 0; j < HIDDEN; j++) {
                for (int k = 0; k < IN; k++) {
                    dwz[j][k] += daZ[j] * xs[b][k];
                    dwr[j][k] += daR[j] * xs[b][k];
                    dwn[j][k] += daN[j] * xs[b][k];
                    dx[b][k] += wz[j][k] * daZ[j] + wn[j][k] * daN[j]
                            + (bug == Bug.DX_WITHOUT_RESET_PATH ? 0 : wr[j][k] * daR[j]);
                }
                for (int k = 0; k < HIDDEN; k++) {
                    duz[j][k] += daZ[j] * hs[b][k];
                    dur[j][k] += daR[j] * hs[b][k];
                    dh[b][k] += uz[j][k] * daZ[j] + ur[j][k] * daR[j];
                }
            }
        }
        return ParameterArrays.builder().add("x", dx).add("h", dh).add("Wz", dwz).add("Wr", dwr).add("Wn", dwn)
                .add("Uz", duz).add("Ur", dur).add("Un", dun).build();
    }
}
