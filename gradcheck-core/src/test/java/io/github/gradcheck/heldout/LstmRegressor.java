package io.github.gradcheck.heldout;

import java.util.Map;
import java.util.Random;

/**
 * An LSTM cell unrolled over T = 5 steps on a batch of 4 sequences of 3-vectors, hidden size 4,
 * gates i, f, o (sigmoid) and g (tanh), each with its own W (4×3), U (4×4) and b (4); the last
 * hidden state is read out by y = V·h_T + c and the loss is the mean of ½(y − t)². 133 parameters.
 *
 * <p>Variants: ordinary; bigsum (J scaled to ~1e6); tiny (all parameters ×1e-6); nearzero
 * (targets within 1e-7 of the predictions, J ~ 1e-15).
 *
 * <p>Bugs: lstm.Uf.transposed, lstm.wrongGate (dg uses f instead of i), lstm.V.forgotMean,
 * lstm.tanhPrime (1 − tanh instead of 1 − tanh²), lstm.bptt.offByOne (backward loop stops at
 * t = 1), lstm.bf.zero (forget-gate bias never accumulated).
 */
final class LstmRegressor extends HeldoutModel {

    static final int NX = 3, NH = 4, T = 5, M = 4;
    static final String[] GATES = {"i", "f", "o", "g"};

    final double[][] w = new double[4][];
    final double[][] u = new double[4][];
    final double[][] b = new double[4][];
    final double[] v;
    final double[] c;
    final double[][][] x = new double[M][T][NX];
    final double[] target = new double[M];

    LstmRegressor(long seed, String variant) {
        super(seed, variant, M);
        for (int q = 0; q < 4; q++) {
            w[q] = param("W" + GATES[q], NH, NX);
        }
        for (int q = 0; q < 4; q++) {
            u[q] = param("U" + GATES[q], NH, NH);
        }
        for (int q = 0; q < 4; q++) {
            b[q] = param("b" + GATES[q], NH);
        }
        v = param("V", NH);
        c = param("c");
        Random r = new Random(seed * 1_000_003L + 11);
        for (int q = 0; q < 4; q++) {
            for (int k = 0; k < w[q].length; k++) {
                w[q][k] = r.nextGaussian() / Math.sqrt(NX);
            }
            for (int k = 0; k < u[q].length; k++) {
                u[q][k] = r.nextGaussian() / Math.sqrt(NH);
            }
            for (int k = 0; k < NH; k++) {
                b[q][k] = 0.1 * r.nextGaussian();
            }
        }
        for (int k = 0; k < NH; k++) {
            v[k] = r.nextGaussian() / Math.sqrt(NH);
        }
        c[0] = 0.1 * r.nextGaussian();
        for (int s = 0; s < M; s++) {
            for (int t = 0; t < T; t++) {
                for (int k = 0; k < NX; k++) {
                    x[s][t][k] = r.nextGaussian();
                }
            }
            target[s] = 0.5 * r.nextGaussian();
        }
        switch (variant) {
            case "ordinary" -> { }
            case "bigsum" -> scaleLossTo(1e6);
            case "tiny" -> scaleAllParameters(1e-6);
            case "nearzero" -> {
                for (int s = 0; s < M; s++) {
                    target[s] = forward(s).y + 1e-7 * r.nextGaussian();
                }
            }
            default -> throw new IllegalArgumentException(variant);
        }
    }

    private static final class Trace {
        final double[][] hPrev = new double[T][];
        final double[][] cPrev = new double[T][];
        final double[][][] gate = new double[T][][];
        final double[][] cNew = new double[T][];
        double[] hLast;
        double y;
    }

    private Trace forward(int s) {
        Trace tr = new Trace();
        double[] h = new double[NH];
        double[] cell = new double[NH];
        for (int t = 0; t < T; t++) {
            tr.hPrev[t] = h;
            tr.cPrev[t] = cell;
            double[][] a = new double[4][NH];
            for (int q = 0; q < 4; q++) {
                for (int k = 0; k < NH; k++) {
                    double z = dot(w[q], k, NX, x[s][t]) + dot(u[q], k, NH, h) + b[q][k];
                    a[q][k] = q == 3 ? Math.tanh(z) : sigmoid(z);
                }
            }
            double[] cn = new double[NH];
            double[] hn = new double[NH];
            for (int k = 0; k < NH; k++) {
                cn[k] = a[1][k] * cell[k] + a[0][k] * a[3][k];
                hn[k] = a[2][k] * Math.tanh(cn[k]);
            }
            tr.gate[t] = a;
            tr.cNew[t] = cn;
            h = hn;
            cell = cn;
        }
        tr.hLast = h;
        double y = c[0];
        for (int k = 0; k < NH; k++) {
            y += v[k] * h[k];
        }
        tr.y = y;
        return tr;
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
        double[][] dw = new double[4][], du = new double[4][], db = new double[4][];
        for (int q = 0; q < 4; q++) {
            dw[q] = g.get("W" + GATES[q]);
            du[q] = g.get("U" + GATES[q]);
            db[q] = g.get("b" + GATES[q]);
        }
        double[] dv = g.get("V");
        double[] dc = g.get("c");
        for (int s = 0; s < M; s++) {
            Trace tr = forward(s);
            double dy = (tr.y - target[s]) / M;
            dc[0] += dy;
            double dyV = bug("lstm.V.forgotMean") ? dy * M : dy;
            double[] dh = new double[NH];
            for (int k = 0; k < NH; k++) {
                dv[k] += dyV * tr.hLast[k];
                dh[k] = dy * v[k];
            }
            double[] dcell = new double[NH];
            int first = bug("lstm.bptt.offByOne") ? 1 : 0;
            for (int t = T - 1; t >= first; t--) {
                double[][] a = tr.gate[t];
                double[] cPrev = tr.cPrev[t];
                double[] hPrev = tr.hPrev[t];
                double[][] dz = new double[4][NH];
                double[] dcPrev = new double[NH];
                for (int k = 0; k < NH; k++) {
                    double i = a[0][k], f = a[1][k], o = a[2][k], gg = a[3][k];
                    double tc = Math.tanh(tr.cNew[t][k]);
                    double dO = dh[k] * tc;
                    double dct = dcell[k] + dh[k] * o * (bug("lstm.tanhPrime") ? (1 - tc) : (1 - tc * tc));
                    double dF = dct * cPrev[k];
                    double dI = dct * gg;
                    double dG = dct * (bug("lstm.wrongGate") ? f : i);
                    dcPrev[k] = dct * f;
                    dz[0][k] = dI * i * (1 - i);
                    dz[1][k] = dF * f * (1 - f);
                    dz[2][k] = dO * o * (1 - o);
                    dz[3][k] = dG * (1 - gg * gg);
                }
                double[] dhPrev = new double[NH];
                for (int q = 0; q < 4; q++) {
                    for (int k = 0; k < NH; k++) {
                        for (int j = 0; j < NX; j++) {
                            dw[q][k * NX + j] += dz[q][k] * x[s][t][j];
                        }
                        for (int j = 0; j < NH; j++) {
                            if (q == 1 && bug("lstm.Uf.transposed")) {
                                du[q][j * NH + k] += dz[q][k] * hPrev[j];
                            } else {
                                du[q][k * NH + j] += dz[q][k] * hPrev[j];
                            }
                            dhPrev[j] += u[q][k * NH + j] * dz[q][k];
                        }
                        if (!(q == 1 && bug("lstm.bf.zero"))) {
                            db[q][k] += dz[q][k];
                        }
                    }
                }
                dh = dhPrev;
                dcell = dcPrev;
            }
        }
        return g;
    }
}
