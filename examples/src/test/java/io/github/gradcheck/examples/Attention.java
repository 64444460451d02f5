package io.github.gradcheck.examples;

import io.github.gradcheck.DifferentiableLayer;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;

/**
 * Single-head scaled dot-product attention over three inputs, queries Q[n][d], keys K[n][d] and
 * values V[n][e]: S = Q Kᵀ / √d, A = softmax of each row of S, y = A V (n×e, row-major).
 *
 * <p>Backward: dV = Aᵀ dy, dA = dy Vᵀ, dS = A ⊙ (dA − rowsum(dA ⊙ A)), dQ = dS K / √d and
 * dK = dSᵀ Q / √d.
 */
public final class Attention implements DifferentiableLayer {

    private final boolean queriesFromKeysFormula;

    public Attention() {
        this(false);
    }

    private Attention(boolean queriesFromKeysFormula) {
        this.queriesFromKeysFormula = queriesFromKeysFormula;
    }

    /** A planted bug: dQ computed with dK's formula, dSᵀ Q / √d, instead of dS K / √d. */
    public static Attention withDqFromDksFormula() {
        return new Attention(true);
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[][] v = inputs.matrix("V");
        double[][] a = weights(inputs.matrix("Q"), inputs.matrix("K"));
        int n = a.length;
        int e = v[0].length;
        double[] y = new double[n * e];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < e; c++) {
                    y[i * e + c] += a[i][j] * v[j][c];
                }
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[][] q = inputs.matrix("Q");
        double[][] k = inputs.matrix("K");
        double[][] v = inputs.matrix("V");
        double[][] a = weights(q, k);
        int n = q.length;
        int d = q[0].length;
        int e = v[0].length;
        double scale = 1 / Math.sqrt(d);
        double[][] dv = new double[n][e];
        double[][] ds = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] da = new double[n];
            double rowSum = 0;
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < e; c++) {
                    dv[j][c] += a[i][j] * dy[i * e + c];
                    da[j] += dy[i * e + c] * v[j][c];
                }
                rowSum += da[j] * a[i][j];
            }
            for (int j = 0; j < n; j++) {
                ds[i][j] = a[i][j] * (da[j] - rowSum);
            }
        }
        double[][] dq = new double[n][d];
        double[][] dk = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < d; c++) {
                    dq[i][c] += queriesFromKeysFormula ? ds[j][i] * q[j][c] * scale : ds[i][j] * k[j][c] * scale;
                    dk[i][c] += ds[j][i] * q[j][c] * scale;
                }
            }
        }
        return ParameterArrays.builder().add("Q", dq).add("K", dk).add("V", dv).build();
    }

    private static double[][] weights(double[][] q, double[][] k) {
        int n = q.length;
        double scale = 1 / Math.sqrt(q[0].length);
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] scores = new double[n];
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < q[0].length; c++) {
                    scores[j] += q[i][c] * k[j][c] * scale;
                }
            }
            a[i] = SoftmaxCrossEntropy.softmax(scores);
        }
        return a;
    }
}
