package io.github.gradcheck.heldout;

import java.util.Map;
import java.util.Random;

/**
 * One self-attention layer on sequences of N = 4 tokens of dimension D = 4: Q = X·Wq, K = X·Wk,
 * V = X·Wv, A = softmax_rows(Q·Kᵀ/√D), Z = A·V·Wo + X (residual), then y = mean over tokens of
 * r·GELU(Z) + c (GELU by its tanh formula), loss the mean over 4 examples of ½(y − t)².
 * 4·16 + 4 + 1 = 69 parameters.
 *
 * <p>Variants: ordinary; bigsum; tiny; nearzero; saturated (Wq and Wk ×5, so the attention
 * rows are nearly one-hot).
 *
 * <p>Bugs: attn.softmaxNoNorm (dS = A∘dA, forgetting the normalisation), attn.noInvSqrtD,
 * attn.Wq.transposed, attn.geluPrime (drops the x·sech² term), attn.dV.noTranspose (dV = A·dH).
 */
final class SelfAttentionRegressor extends HeldoutModel {

    static final int N = 4, D = 4, M = 4;
    static final double GELU_K = Math.sqrt(2 / Math.PI);

    final double[] wq, wk, wv, wo, r, c;
    final double[][][] x = new double[M][N][D];
    final double[] target = new double[M];

    SelfAttentionRegressor(long seed, String variant) {
        super(seed, variant, M);
        wq = param("Wq", D, D);
        wk = param("Wk", D, D);
        wv = param("Wv", D, D);
        wo = param("Wo", D, D);
        r = param("r", D);
        c = param("c");
        Random rnd = new Random(seed * 1_000_003L + 22);
        for (double[] a : new double[][] {wq, wk, wv, wo}) {
            for (int k = 0; k < a.length; k++) {
                a[k] = rnd.nextGaussian() / Math.sqrt(D);
            }
        }
        for (int k = 0; k < D; k++) {
            r[k] = rnd.nextGaussian() / Math.sqrt(D);
        }
        c[0] = 0.1 * rnd.nextGaussian();
        for (int s = 0; s < M; s++) {
            for (int t = 0; t < N; t++) {
                for (int k = 0; k < D; k++) {
                    x[s][t][k] = rnd.nextGaussian();
                }
            }
            target[s] = 0.5 * rnd.nextGaussian();
        }
        switch (variant) {
            case "ordinary" -> { }
            case "bigsum" -> scaleLossTo(1e6);
            case "tiny" -> scaleAllParameters(1e-6);
            case "nearzero" -> {
                for (int s = 0; s < M; s++) {
                    target[s] = forward(s).y + 1e-7 * rnd.nextGaussian();
                }
            }
            case "saturated" -> {
                for (int k = 0; k < D * D; k++) {
                    wq[k] *= 5;
                    wk[k] *= 5;
                }
            }
            default -> throw new IllegalArgumentException(variant);
        }
    }

    private static final class Trace {
        double[][] q, k, v, a, h, z;
        double y;
    }

    /** out[t][j] = Σ_a in[t][a] · w[a][j]. */
    private static double[][] times(double[][] in, double[] w) {
        double[][] out = new double[in.length][D];
        for (int t = 0; t < in.length; t++) {
            for (int j = 0; j < D; j++) {
                double s = 0;
                for (int a = 0; a < D; a++) {
                    s += in[t][a] * w[a * D + j];
                }
                out[t][j] = s;
            }
        }
        return out;
    }

    private Trace forward(int s) {
        Trace tr = new Trace();
        double[][] xs = x[s];
        tr.q = times(xs, wq);
        tr.k = times(xs, wk);
        tr.v = times(xs, wv);
        double inv = 1 / Math.sqrt(D);
        tr.a = new double[N][N];
        for (int t = 0; t < N; t++) {
            double[] sc = new double[N];
            double max = Double.NEGATIVE_INFINITY;
            for (int u2 = 0; u2 < N; u2++) {
                double d = 0;
                for (int j = 0; j < D; j++) {
                    d += tr.q[t][j] * tr.k[u2][j];
                }
                sc[u2] = d * inv;
                max = Math.max(max, sc[u2]);
            }
            double sum = 0;
            for (int u2 = 0; u2 < N; u2++) {
                sc[u2] = Math.exp(sc[u2] - max);
                sum += sc[u2];
            }
            for (int u2 = 0; u2 < N; u2++) {
                tr.a[t][u2] = sc[u2] / sum;
            }
        }
        tr.h = new double[N][D];
        for (int t = 0; t < N; t++) {
            for (int j = 0; j < D; j++) {
                double sum = 0;
                for (int u2 = 0; u2 < N; u2++) {
                    sum += tr.a[t][u2] * tr.v[u2][j];
                }
                tr.h[t][j] = sum;
            }
        }
        double[][] ho = times(tr.h, wo);
        tr.z = new double[N][D];
        double y = 0;
        for (int t = 0; t < N; t++) {
            for (int j = 0; j < D; j++) {
                tr.z[t][j] = ho[t][j] + xs[t][j];
                y += r[j] * gelu(tr.z[t][j]);
            }
        }
        tr.y = y / N + c[0];
        return tr;
    }

    static double gelu(double z) {
        return 0.5 * z * (1 + Math.tanh(GELU_K * (z + 0.044715 * z * z * z)));
    }

    private double geluPrime(double z) {
        double th = Math.tanh(GELU_K * (z + 0.044715 * z * z * z));
        double first = 0.5 * (1 + th);
        if (bug("attn.geluPrime")) {
            return first;
        }
        return first + 0.5 * z * (1 - th * th) * GELU_K * (1 + 3 * 0.044715 * z * z);
    }

    @Override
    protected double rawLoss() {
        double sum = 0;
        for (int s = 0; s < M; s++) {
            double e = forward(s).y - target[s];
            sum += 0.5 * e * e;
        }
        return sum / M;
    }

    @Override
    protected Map<String, double[]> rawGradient() {
        Map<String, double[]> g = zerosLike();
        double[] dwq = g.get("Wq"), dwk = g.get("Wk"), dwv = g.get("Wv"), dwo = g.get("Wo"), dr = g.get("r"), dc = g.get("c");
        for (int s = 0; s < M; s++) {
            Trace tr = forward(s);
            double[][] xs = x[s];
            double dy = (tr.y - target[s]) / M;
            dc[0] += dy;
            double[][] dz = new double[N][D];
            for (int t = 0; t < N; t++) {
                for (int j = 0; j < D; j++) {
                    dr[j] += dy / N * gelu(tr.z[t][j]);
                    dz[t][j] = dy / N * r[j] * geluPrime(tr.z[t][j]);
                }
            }
            // Z = H·Wo + X
            double[][] dh = new double[N][D];
            for (int a = 0; a < D; a++) {
                for (int j = 0; j < D; j++) {
                    double sum = 0;
                    for (int t = 0; t < N; t++) {
                        sum += tr.h[t][a] * dz[t][j];
                    }
                    dwo[a * D + j] += sum;
                }
            }
            for (int t = 0; t < N; t++) {
                for (int a = 0; a < D; a++) {
                    double sum = 0;
                    for (int j = 0; j < D; j++) {
                        sum += dz[t][j] * wo[a * D + j];
                    }
                    dh[t][a] = sum;
                }
            }
            // H = A·V
            double[][] dA = new double[N][N];
            double[][] dV = new double[N][D];
            for (int t = 0; t < N; t++) {
                for (int u2 = 0; u2 < N; u2++) {
                    double sum = 0;
                    for (int j = 0; j < D; j++) {
                        sum += dh[t][j] * tr.v[u2][j];
                    }
                    dA[t][u2] = sum;
                }
            }
            for (int u2 = 0; u2 < N; u2++) {
                for (int j = 0; j < D; j++) {
                    double sum = 0;
                    for (int t = 0; t < N; t++) {
                        double aa = bug("attn.dV.noTranspose") ? tr.a[u2][t] : tr.a[t][u2];
                        sum += aa * dh[t][j];
                    }
                    dV[u2][j] = sum;
                }
            }
            // A = softmax(S), S = Q·Kᵀ/√D
            double[][] dS = new double[N][N];
            for (int t = 0; t < N; t++) {
                double inner = 0;
                for (int w2 = 0; w2 < N; w2++) {
                    inner += tr.a[t][w2] * dA[t][w2];
                }
                for (int u2 = 0; u2 < N; u2++) {
                    dS[t][u2] = bug("attn.softmaxNoNorm") ? tr.a[t][u2] * dA[t][u2] : tr.a[t][u2] * (dA[t][u2] - inner);
                }
            }
            double inv = bug("attn.noInvSqrtD") ? 1 : 1 / Math.sqrt(D);
            double[][] dQ = new double[N][D];
            double[][] dK = new double[N][D];
            for (int t = 0; t < N; t++) {
                for (int j = 0; j < D; j++) {
                    double sq = 0;
                    double sk = 0;
                    for (int u2 = 0; u2 < N; u2++) {
                        sq += dS[t][u2] * tr.k[u2][j];
                        sk += dS[u2][t] * tr.q[u2][j];
                    }
                    dQ[t][j] = sq * inv;
                    dK[t][j] = sk * inv;
                }
            }
            for (int a = 0; a < D; a++) {
                for (int j = 0; j < D; j++) {
                    double sq = 0, sk = 0, sv = 0;
                    for (int t = 0; t < N; t++) {
                        sq += xs[t][a] * dQ[t][j];
                        sk += xs[t][a] * dK[t][j];
                        sv += xs[t][a] * dV[t][j];
                    }
                    if (bug("attn.Wq.transposed")) {
                        dwq[j * D + a] += sq;
                    } else {
                        dwq[a * D + j] += sq;
                    }
                    dwk[a * D + j] += sk;
                    dwv[a * D + j] += sv;
                }
            }
        }
        return g;
    }
}
