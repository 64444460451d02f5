package io.github.gradcheck.layermutation;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/**
 * Single-head scaled dot-product attention with Q[n, d], K[n, d], V[n, e] as three differentiable
 * inputs: S = Q Kᵀ / √d, A = softmax of each row of S, y = A V.
 *
 * <p>The correct backward pass: dV = Aᵀ dy, dA = dy Vᵀ, dS = A ⊙ (dA − rowsum(dA ⊙ A)),
 * dQ = dS K / √d, dK = dSᵀ Q / √d.
 */
final class AttentionLayer implements SuiteLayer {

    enum Bug {
        NONE,
        /** dQ from dK's formula, dSᵀ Q / √d. */
        DQ_FROM_DK_FORMULA,
        /** dK = dS Q / √d: the transpose of dS missing. */
        DK_WITHOUT_TRANSPOSE,
        /** dV = A dy: the transpose of A missing. */
        DV_WITHOUT_TRANSPOSE,
        /** dS = A ⊙ dA: the softmax's −rowsum(dA ⊙ A) term missing (wrong in dQ and dK). */
        DSCORES_WITHOUT_ROW_TERM,
        /** dQ without the 1/√d of the scores. */
        DQ_UNSCALED,
        /** One element of dV, V[1, 0], scaled by 1.5. */
        DV_ONE_ELEMENT
    }

    static final int TOKENS = 3;
    static final int DEPTH = 4;
    static final int VALUES = 2;

    final double[][] q;
    final double[][] k;
    final double[][] v;
    private final Bug bug;

    AttentionLayer(long seed, LayerVariant variant, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        double scale = variant == LayerVariant.HARD_INPUTS ? 4 : 1;
        q = Draws.uniform(random, TOKENS, DEPTH, -scale, scale);
        k = Draws.uniform(random, TOKENS, DEPTH, -scale, scale);
        v = Draws.uniform(random, TOKENS, VALUES, -1, 1);
        this.bug = bug;
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("Q", q).add("K", k).add("V", v).build();
    }

    private static double[][] attention(double[][] q, double[][] k) {
        double scale = 1 / Math.sqrt(DEPTH);
        double[][] a = new double[TOKENS][];
        for (int i = 0; i < TOKENS; i++) {
            double[] scores = new double[TOKENS];
            for (int j = 0; j < TOKENS; j++) {
                for (int c = 0; c < DEPTH; c++) {
                    scores[j] += q[i][c] * k[j][c] * scale;
                }
            }
            a[i] = SoftmaxCrossEntropyLayer.softmax(scores);
        }
        return a;
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[][] a = attention(inputs.matrix("Q"), inputs.matrix("K"));
        double[][] values = inputs.matrix("V");
        double[] y = new double[TOKENS * VALUES];
        for (int i = 0; i < TOKENS; i++) {
            for (int e = 0; e < VALUES; e++) {
                for (int j = 0; j < TOKENS; j++) {
                    y[i * VALUES + e] += a[i][j] * values[j][e];
                }
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[][] queries = inputs.matrix("Q");
        double[][] keys = inputs.matrix("K");
        double[][] values = inputs.matrix("V");
        double[][] a = attention(queries, keys);
        double scale = 1 / Math.sqrt(DEPTH);
        double[][] dv = new double[TOKENS][VALUES];
        double[][] da = new double[TOKENS][TOKENS];
        for (int i = 0; i < TOKENS; i++) {
            for (int j = 0; j < TOKENS; j++) {
                for (int e = 0; e < VALUES; e++) {
                    double weight = bug == Bug.DV_WITHOUT_TRANSPOSE ? a[j][i] : a[i][j];
                    dv[j][e] += weight * dy[i * VALUES + e];
                    da[i][j] += dy[i * VALUES + e] * values[j][e];
                }
            }
        }
        double[][] ds = new double[TOKENS][TOKENS];
        for (int i = 0; i < TOKENS; i++) {
            double row = 0;
            for (int j = 0; j < TOKENS; j++) {
                row += da[i][j] * a[i][j];
            }
            for (int j = 0; j < TOKENS; j++) {
                ds[i][j] = a[i][j] * (da[i][j] - (bug == Bug.DSCORES_WITHOUT_ROW_TERM ? 0 : row));
            }
        }
        double[][] dq = new double[TOKENS][DEPTH];
        double[][] dk = new double[TOKENS][DEPTH];
        for (int i = 0; i < TOKENS; i++) {
            for (int j = 0; j < TOKENS; j++) {
                for (int c = 0; c < DEPTH; c++) {
                    double queryScale = bug == Bug.DQ_UNSCALED ? 1 : scale;
                    dq[i][c] += bug == Bug.DQ_FROM_DK_FORMULA ? ds[j][i] * queries[j][c] * scale : ds[i][j] * keys[j][c] * queryScale;
                    dk[i][c] += (bug == Bug.DK_WITHOUT_TRANSPOSE ? ds[i][j] : ds[j][i]) * queries[j][c] * scale;
                }
            }
        }
        if (bug == Bug.DV_ONE_ELEMENT) {
            dv[1][0] *= 1.5;
        }
        return ParameterArrays.builder().add("Q", dq).add("K", dk).add("V", dv).build();
    }
}
