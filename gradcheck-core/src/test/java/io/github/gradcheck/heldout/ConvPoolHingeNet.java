package io.github.gradcheck.heldout;

import java.util.Map;
import java.util.Random;

/**
 * A 2-D convolution with max-pooling and a multiclass hinge loss: 8×8 one-channel images, two 3×3
 * filters K0, K1 with biases bK (valid, 6×6 each), 2×2 max-pooling with stride 2 (3×3 each, 18
 * features), scores s = W·f + bW for 3 classes, loss = mean over 4 images of
 * Σ_{c≠y} max(0, s_c − s_y + 1) plus (λ/2)‖W‖², λ = 0.01. 9 + 9 + 2 + 54 + 3 = 77 parameters.
 *
 * <p>Variants: ordinary; bigsum; tiny; kinkexact (dyadic values, so all arithmetic is exact, with
 * an exact tie between the two largest entries of a pooling window and a hinge margin of exactly
 * 0, both in image 0); kinknear (the same moved off the kinks by 2.5e-10 and 5e-10).
 *
 * <p>Bugs: conv.pool.firstElement (gradient routed to the window's first entry, not its argmax),
 * conv.hinge.trueClass (true class gets −1/m instead of −(violations)/m), conv.bW.forgotMean,
 * conv.K0.transposed, conv.K1.rotated (180°, convolution/correlation confusion), conv.W.noL2,
 * conv.W.offByOne (dW[c][k] uses f[k+1]).
 */
final class ConvPoolHingeNet extends HeldoutModel {

    static final int IMG = 8, KS = 3, CONV = 6, POOL = 3, F = 2 * POOL * POOL, C = 3, M = 4;
    static final double LAMBDA = 0.01;

    final double[] k0, k1, bk, w, bw;
    final double[][][] img = new double[M][IMG][IMG];
    final int[] label = new int[M];

    ConvPoolHingeNet(long seed, String variant) {
        super(seed, variant, M);
        k0 = param("K0", KS, KS);
        k1 = param("K1", KS, KS);
        bk = param("bK", 2);
        w = param("W", C, F);
        bw = param("bW", C);
        Random r = new Random(seed * 1_000_003L + 55);
        boolean kink = variant.startsWith("kink");
        if (!kink) {
            for (int k = 0; k < KS * KS; k++) {
                k0[k] = r.nextGaussian() / 3;
                k1[k] = r.nextGaussian() / 3;
            }
            bk[0] = 0.1 * r.nextGaussian();
            bk[1] = 0.1 * r.nextGaussian();
            for (int k = 0; k < w.length; k++) {
                w[k] = r.nextGaussian() / Math.sqrt(F);
            }
            for (int k = 0; k < C; k++) {
                bw[k] = 0.1 * r.nextGaussian();
            }
            for (int s = 0; s < M; s++) {
                for (int i = 0; i < IMG; i++) {
                    for (int j = 0; j < IMG; j++) {
                        img[s][i][j] = r.nextGaussian();
                    }
                }
                label[s] = r.nextInt(C);
            }
        } else {
            buildKinks(r);
            if (variant.equals("kinknear")) {
                img[0][0][3] += 1e-9;          // conv1(0,1) moves by K1[0,2]·1e-9 = 2.5e-10
                int cls = (label[0] + 1) % C;
                bw[cls] += 5e-10;              // margin moves to 5e-10
            }
        }
        switch (variant) {
            case "ordinary", "kinkexact", "kinknear" -> { }
            case "bigsum" -> scaleLossTo(1e6);
            case "tiny" -> scaleAllParameters(1e-6);
            default -> throw new IllegalArgumentException(variant);
        }
    }

    /** Dyadic draws, then an exact pooling tie and an exact zero hinge margin in image 0. */
    private void buildKinks(Random r) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            for (int k = 0; k < KS * KS; k++) {
                k0[k] = (r.nextInt(17) - 8) / 8.0;
                k1[k] = (r.nextInt(17) - 8) / 8.0;
            }
            bk[0] = (r.nextInt(17) - 8) / 8.0;
            bk[1] = (r.nextInt(17) - 8) / 8.0;
            for (int k = 0; k < w.length; k++) {
                w[k] = (r.nextInt(17) - 8) / 16.0;
            }
            for (int k = 0; k < C; k++) {
                bw[k] = (r.nextInt(17) - 8) / 16.0;
            }
            for (int s = 0; s < M; s++) {
                for (int i = 0; i < IMG; i++) {
                    for (int j = 0; j < IMG; j++) {
                        img[s][i][j] = (r.nextInt(17) - 8) / 4.0;
                    }
                }
                label[s] = r.nextInt(C);
            }
            k1[2] = 0.25;   // K1[0,2] multiplies pixel (0,3) in conv1(0,1) and not in conv1(0,0)
            double[][][] conv = conv(0);
            double d = conv[1][0][0] - conv[1][0][1];
            img[0][0][3] += 4 * d;
            conv = conv(0);
            if (conv[1][0][0] != conv[1][0][1] || conv[1][1][0] >= conv[1][0][0] || conv[1][1][1] >= conv[1][0][0]) {
                continue;
            }
            // the two tied candidates must respond differently to K1, else it is no kink
            boolean differs = false;
            for (int a = 0; a < KS; a++) {
                for (int b = 0; b < KS; b++) {
                    differs |= img[0][a][b] != img[0][a][b + 1];
                }
            }
            double[] f = features(conv, null);
            int y0 = label[0];
            int cls = (y0 + 1) % C;
            double sy = scoreOf(y0, f);
            double dotc = 0;
            for (int k = 0; k < F; k++) {
                dotc += w[cls * F + k] * f[k];
            }
            bw[cls] = sy - 1 - dotc;
            double[] s = scores(f);
            if (!differs || s[cls] - s[y0] + 1 != 0.0) {
                continue;
            }
            // the tied feature f[9] must reach the loss: image 0 has an active (or zero) margin
            // and the classes weigh f[9] differently
            if (w[y0 * F + 9] == w[cls * F + 9]) {
                continue;
            }
            return;
        }
        throw new IllegalStateException("no kink instance found");
    }

    double[][][] conv(int s) {
        double[][][] out = new double[2][CONV][CONV];
        for (int q = 0; q < 2; q++) {
            double[] kq = q == 0 ? k0 : k1;
            for (int i = 0; i < CONV; i++) {
                for (int j = 0; j < CONV; j++) {
                    double sum = 0;
                    for (int a = 0; a < KS; a++) {
                        for (int b = 0; b < KS; b++) {
                            sum += kq[a * KS + b] * img[s][i + a][j + b];
                        }
                    }
                    out[q][i][j] = sum + bk[q];
                }
            }
        }
        return out;
    }

    /** Pooled features; arg (if given) receives the flat conv position (i·CONV + j) of each max. */
    static double[] features(double[][][] conv, int[] arg) {
        double[] f = new double[F];
        for (int q = 0; q < 2; q++) {
            for (int pi = 0; pi < POOL; pi++) {
                for (int pj = 0; pj < POOL; pj++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int where = -1;
                    for (int di = 0; di < 2; di++) {
                        for (int dj = 0; dj < 2; dj++) {
                            int i = 2 * pi + di, j = 2 * pj + dj;
                            if (conv[q][i][j] > best) {
                                best = conv[q][i][j];
                                where = i * CONV + j;
                            }
                        }
                    }
                    int k = q * POOL * POOL + pi * POOL + pj;
                    f[k] = best;
                    if (arg != null) {
                        arg[k] = where;
                    }
                }
            }
        }
        return f;
    }

    private double scoreOf(int c, double[] f) {
        double sum = 0;
        for (int k = 0; k < F; k++) {
            sum += w[c * F + k] * f[k];
        }
        return sum + bw[c];
    }

    private double[] scores(double[] f) {
        double[] s = new double[C];
        for (int c = 0; c < C; c++) {
            s[c] = scoreOf(c, f);
        }
        return s;
    }

    @Override
    protected double rawLoss() {
        double sum = 0;
        for (int s = 0; s < M; s++) {
            double[] sc = scores(features(conv(s), null));
            for (int c = 0; c < C; c++) {
                if (c != label[s]) {
                    sum += Math.max(0, sc[c] - sc[label[s]] + 1);
                }
            }
        }
        double l2 = 0;
        for (double v : w) {
            l2 += v * v;
        }
        return sum / M + 0.5 * LAMBDA * l2;
    }

    @Override
    protected Map<String, double[]> rawGradient() {
        Map<String, double[]> g = zerosLike();
        double[] dk0 = g.get("K0"), dk1 = g.get("K1"), dbk = g.get("bK"), dw = g.get("W"), dbw = g.get("bW");
        for (int s = 0; s < M; s++) {
            int[] arg = new int[F];
            double[] f = features(conv(s), arg);
            double[] sc = scores(f);
            int y = label[s];
            double[] ds = new double[C];
            int count = 0;
            for (int c = 0; c < C; c++) {
                if (c != y && sc[c] - sc[y] + 1 > 0) {
                    ds[c] = 1.0 / M;
                    count++;
                }
            }
            ds[y] = bug("conv.hinge.trueClass") ? -(count > 0 ? 1.0 : 0.0) / M : -count / (double) M;
            double[] df = new double[F];
            for (int c = 0; c < C; c++) {
                for (int k = 0; k < F; k++) {
                    if (bug("conv.W.offByOne")) {
                        dw[c * F + k] += k + 1 < F ? ds[c] * f[k + 1] : 0;
                    } else {
                        dw[c * F + k] += ds[c] * f[k];
                    }
                    df[k] += w[c * F + k] * ds[c];
                }
                dbw[c] += bug("conv.bW.forgotMean") ? ds[c] * M : ds[c];
            }
            for (int q = 0; q < 2; q++) {
                double[] dkq = q == 0 ? dk0 : dk1;
                for (int pi = 0; pi < POOL; pi++) {
                    for (int pj = 0; pj < POOL; pj++) {
                        int k = q * POOL * POOL + pi * POOL + pj;
                        int where = bug("conv.pool.firstElement") ? (2 * pi) * CONV + 2 * pj : arg[k];
                        int i = where / CONV, j = where % CONV;
                        dbk[q] += df[k];
                        for (int a = 0; a < KS; a++) {
                            for (int b = 0; b < KS; b++) {
                                double v = df[k] * img[s][i + a][j + b];
                                if (q == 0 && bug("conv.K0.transposed")) {
                                    dkq[b * KS + a] += v;
                                } else if (q == 1 && bug("conv.K1.rotated")) {
                                    dkq[(KS - 1 - a) * KS + (KS - 1 - b)] += v;
                                } else {
                                    dkq[a * KS + b] += v;
                                }
                            }
                        }
                    }
                }
            }
        }
        if (!bug("conv.W.noL2")) {
            for (int k = 0; k < w.length; k++) {
                dw[k] += LAMBDA * w[k];
            }
        }
        return g;
    }
}
