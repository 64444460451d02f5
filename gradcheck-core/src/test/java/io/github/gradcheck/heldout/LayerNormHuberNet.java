package io.github.gradcheck.heldout;

import java.util.Map;
import java.util.Random;

/**
 * x (6) → z = W1·x + b1 (8) → layer normalisation (ε = 1e-5) with gain γ and shift β →
 * softplus → y = w2·a + b2, loss the mean over 8 examples of the Huber loss (δ = 1) of y − t.
 * 48 + 8 + 8 + 8 + 8 + 1 = 81 parameters.
 *
 * <p>Variants: ordinary; bigsum; tiny; huberedge (two examples' residuals set to exactly ±δ,
 * where the Huber loss's second derivative jumps).
 *
 * <p>Bugs: ln.noVarianceTerm, ln.noMeanTerm (layer-norm backward missing a term),
 * ln.huberNoClip (MSE derivative instead of the clipped one), ln.gammaUnnormalised
 * (dγ uses z − μ instead of ẑ), ln.softplusPrime (σ(−u) instead of σ(u)), ln.beta.offByOne
 * (dβ[k] receives du[k+1]), ln.W1.forgotMean.
 */
final class LayerNormHuberNet extends HeldoutModel {

    static final int NX = 6, NH = 8, M = 8;
    static final double DELTA = 1, LN_EPS = 1e-5;

    final double[] w1, b1, gamma, beta, w2, b2;
    final double[][] x = new double[M][NX];
    final double[] target = new double[M];

    LayerNormHuberNet(long seed, String variant) {
        super(seed, variant, M);
        w1 = param("W1", NH, NX);
        b1 = param("b1", NH);
        gamma = param("gamma", NH);
        beta = param("beta", NH);
        w2 = param("w2", NH);
        b2 = param("b2");
        Random r = new Random(seed * 1_000_003L + 33);
        for (int k = 0; k < w1.length; k++) {
            w1[k] = r.nextGaussian() / Math.sqrt(NX);
        }
        for (int k = 0; k < NH; k++) {
            b1[k] = 0.1 * r.nextGaussian();
            gamma[k] = 1 + 0.1 * r.nextGaussian();
            beta[k] = 0.1 * r.nextGaussian();
            w2[k] = r.nextGaussian() / Math.sqrt(NH);
        }
        b2[0] = 0.1 * r.nextGaussian();
        for (int s = 0; s < M; s++) {
            for (int k = 0; k < NX; k++) {
                x[s][k] = r.nextGaussian();
            }
            target[s] = 2 * r.nextGaussian();
        }
        switch (variant) {
            case "ordinary" -> { }
            case "bigsum" -> scaleLossTo(1e6);
            case "tiny" -> scaleAllParameters(1e-6);
            case "huberedge" -> {
                target[0] = forward(0).y - DELTA;
                target[1] = forward(1).y + DELTA;
            }
            default -> throw new IllegalArgumentException(variant);
        }
    }

    private static final class Trace {
        final double[] zhat = new double[NH];
        final double[] zc = new double[NH];
        final double[] u = new double[NH];
        final double[] a = new double[NH];
        double sd;
        double y;
    }

    Trace forward(int s) {
        Trace tr = new Trace();
        double[] z = new double[NH];
        double mu = 0;
        for (int k = 0; k < NH; k++) {
            z[k] = dot(w1, k, NX, x[s]) + b1[k];
            mu += z[k];
        }
        mu /= NH;
        double var = 0;
        for (int k = 0; k < NH; k++) {
            tr.zc[k] = z[k] - mu;
            var += tr.zc[k] * tr.zc[k];
        }
        var /= NH;
        tr.sd = Math.sqrt(var + LN_EPS);
        double y = 0;
        for (int k = 0; k < NH; k++) {
            tr.zhat[k] = tr.zc[k] / tr.sd;
            tr.u[k] = gamma[k] * tr.zhat[k] + beta[k];
            tr.a[k] = softplus(tr.u[k]);
            y += w2[k] * tr.a[k];
        }
        tr.y = y + b2[0];
        return tr;
    }

    static double softplus(double u) {
        return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    }

    @Override
    protected double rawLoss() {
        double sum = 0;
        for (int s = 0; s < M; s++) {
            double e = forward(s).y - target[s];
            double ae = Math.abs(e);
            sum += ae <= DELTA ? 0.5 * e * e : DELTA * (ae - 0.5 * DELTA);
        }
        return sum / M;
    }

    @Override
    protected Map<String, double[]> rawGradient() {
        Map<String, double[]> g = zerosLike();
        double[] dw1 = g.get("W1"), db1 = g.get("b1"), dgamma = g.get("gamma"), dbeta = g.get("beta"), dw2 = g.get("w2"), db2 = g.get("b2");
        for (int s = 0; s < M; s++) {
            Trace tr = forward(s);
            double e = tr.y - target[s];
            double de = bug("ln.huberNoClip") ? e : Math.max(-DELTA, Math.min(DELTA, e));
            double dy = de / M;
            db2[0] += dy;
            double[] dzhat = new double[NH];
            double meanD = 0, meanDZ = 0;
            for (int k = 0; k < NH; k++) {
                dw2[k] += dy * tr.a[k];
                double da = dy * w2[k];
                double du = da * sigmoid(bug("ln.softplusPrime") ? -tr.u[k] : tr.u[k]);
                dgamma[k] += du * (bug("ln.gammaUnnormalised") ? tr.zc[k] : tr.zhat[k]);
                if (bug("ln.beta.offByOne")) {
                    if (k > 0) {
                        dbeta[k - 1] += du;
                    }
                } else {
                    dbeta[k] += du;
                }
                dzhat[k] = du * gamma[k];
                meanD += dzhat[k];
                meanDZ += dzhat[k] * tr.zhat[k];
            }
            meanD /= NH;
            meanDZ /= NH;
            for (int k = 0; k < NH; k++) {
                double dz = dzhat[k];
                if (!bug("ln.noMeanTerm")) {
                    dz -= meanD;
                }
                if (!bug("ln.noVarianceTerm")) {
                    dz -= tr.zhat[k] * meanDZ;
                }
                dz /= tr.sd;
                double dzW = bug("ln.W1.forgotMean") ? dz * M : dz;
                for (int j = 0; j < NX; j++) {
                    dw1[k * NX + j] += dzW * x[s][j];
                }
                db1[k] += dz;
            }
        }
        return g;
    }
}
