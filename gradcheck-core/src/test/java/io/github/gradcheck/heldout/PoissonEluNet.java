package io.github.gradcheck.heldout;

import java.util.Map;
import java.util.Random;

/**
 * A Poisson-regression head on one ELU layer: z = W1·x + b1 (8 from 5), h = ELU(z) (α = 1),
 * η = w2·h + b2, λ = exp(η), loss = mean over 10 examples of (λ − y·η) plus L2 (ρ/2)(‖W1‖² + ‖w2‖²)
 * with ρ = 0.01. 40 + 8 + 8 + 1 = 57 parameters.
 *
 * <p>Variants: ordinary; bigsum; tiny; largecounts (counts near 8000 and the loss summed over the
 * batch, |J| ~ 1e5–1e6, the natural large loss); elu0 (three hidden units' pre-activations exactly 0
 * on one example each, where ELU's second derivative jumps).
 *
 * <p>Bugs: pois.W1.noL2, pois.w2.noL2, pois.L2.doubled (2ρθ on W1 and w2), pois.eluPrime (1 on the
 * negative side too), pois.residualSign (y − λ instead of λ − y), pois.w2.preActivation (dw2 uses z,
 * not h).
 */
final class PoissonEluNet extends HeldoutModel {

    static final int NX = 5, NH = 8, M = 10;
    static final double RHO = 0.01;

    final double[] w1, b1, w2, b2;
    final double[][] x = new double[M][NX];
    final double[] y = new double[M];

    PoissonEluNet(long seed, String variant) {
        super(seed, variant, M);
        w1 = param("W1", NH, NX);
        b1 = param("b1", NH);
        w2 = param("w2", NH);
        b2 = param("b2");
        Random r = new Random(seed * 1_000_003L + 44);
        for (int k = 0; k < w1.length; k++) {
            w1[k] = r.nextGaussian() / Math.sqrt(NX);
        }
        for (int k = 0; k < NH; k++) {
            b1[k] = 0.1 * r.nextGaussian();
            w2[k] = 0.3 * r.nextGaussian() / Math.sqrt(NH);
        }
        b2[0] = 1 + 0.1 * r.nextGaussian();
        boolean large = variant.equals("largecounts");
        for (int s = 0; s < M; s++) {
            for (int k = 0; k < NX; k++) {
                x[s][k] = r.nextGaussian();
            }
            double rate = Math.exp(0.5 * x[s][0] + 1);
            if (large) {
                double big = 3000 * rate;
                y[s] = Math.max(0, Math.round(big + Math.sqrt(big) * r.nextGaussian()));
            } else {
                y[s] = poisson(rate, r);
            }
        }
        switch (variant) {
            case "ordinary" -> { }
            case "bigsum" -> scaleLossTo(1e6);
            case "tiny" -> scaleAllParameters(1e-6);
            case "largecounts" -> {
                b2[0] += Math.log(3000);
                summed = true;
            }
            case "elu0" -> {
                for (int k = 0; k < 3; k++) {
                    b1[k] = -dot(w1, k, NX, x[k]);   // z = dot + b1 is then exactly 0 for example k
                }
            }
            default -> throw new IllegalArgumentException(variant);
        }
    }

    private static int poisson(double rate, Random r) {
        double l = Math.exp(-rate);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private double norm() {
        return summed ? 1 : 1.0 / M;
    }

    double preActivation(int s, int k) {
        return dot(w1, k, NX, x[s]) + b1[k];
    }

    @Override
    protected double rawLoss() {
        double sum = 0;
        for (int s = 0; s < M; s++) {
            double eta = b2[0];
            double acc = 0;
            for (int k = 0; k < NH; k++) {
                double z = preActivation(s, k);
                acc += w2[k] * (z > 0 ? z : Math.expm1(z));
            }
            eta += acc;
            sum += Math.exp(eta) - y[s] * eta;
        }
        double l2 = 0;
        for (double v : w1) {
            l2 += v * v;
        }
        for (double v : w2) {
            l2 += v * v;
        }
        return sum * norm() + 0.5 * RHO * l2;
    }

    @Override
    protected Map<String, double[]> rawGradient() {
        Map<String, double[]> g = zerosLike();
        double[] dw1 = g.get("W1"), db1 = g.get("b1"), dw2 = g.get("w2"), db2 = g.get("b2");
        for (int s = 0; s < M; s++) {
            double[] z = new double[NH];
            double[] h = new double[NH];
            double acc = 0;
            for (int k = 0; k < NH; k++) {
                z[k] = preActivation(s, k);
                h[k] = z[k] > 0 ? z[k] : Math.expm1(z[k]);
                acc += w2[k] * h[k];
            }
            double eta = b2[0] + acc;
            double lambda = Math.exp(eta);
            double deta = (bug("pois.residualSign") ? y[s] - lambda : lambda - y[s]) * norm();
            db2[0] += deta;
            for (int k = 0; k < NH; k++) {
                dw2[k] += deta * (bug("pois.w2.preActivation") ? z[k] : h[k]);
                double dh = deta * w2[k];
                double prime = bug("pois.eluPrime") || z[k] > 0 ? 1 : Math.exp(z[k]);
                double dz = dh * prime;
                for (int j = 0; j < NX; j++) {
                    dw1[k * NX + j] += dz * x[s][j];
                }
                db1[k] += dz;
            }
        }
        double l2 = bug("pois.L2.doubled") ? 2 * RHO : RHO;
        if (!bug("pois.W1.noL2")) {
            for (int k = 0; k < w1.length; k++) {
                dw1[k] += l2 * w1[k];
            }
        }
        if (!bug("pois.w2.noL2")) {
            for (int k = 0; k < w2.length; k++) {
                dw2[k] += l2 * w2[k];
            }
        }
        return g;
    }
}
