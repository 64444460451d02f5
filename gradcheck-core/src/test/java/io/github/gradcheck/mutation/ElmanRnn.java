package io.github.gradcheck.mutation;

import static io.github.gradcheck.mutation.Tensors.add;
import static io.github.gradcheck.mutation.Tensors.addOuter;
import static io.github.gradcheck.mutation.Tensors.gaussian;
import static io.github.gradcheck.mutation.Tensors.scale;
import static io.github.gradcheck.mutation.Tensors.transposedTimes;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;
import java.util.Random;

/**
 * (f) An Elman cell, h_s = tanh(Wx·x_s + Wh·h_{s−1} + b) from h_0 = 0 over {@value #STEPS}
 * steps, with a readout y = V·h_T + c and the squared loss ½‖y − t‖² over a batch of
 * {@value #M} sequences.
 */
final class ElmanRnn implements DifferentiableModel {

    enum Bug {
        NONE,
        /** dWh[i][k] written to [k][i]. */
        DWH_TRANSPOSED,
        /** Backpropagation stopped after the last step: no gradient flows to earlier steps. */
        TRUNCATED_BPTT,
        /** tanh'(z) = 1 − h instead of 1 − h². */
        TANH_DERIVATIVE_ONE_MINUS_TANH,
        /** dWh += dz_s·h_sᵀ instead of dz_s·h_{s−1}ᵀ. */
        DWH_USES_CURRENT_STATE,
        /** dV never accumulated. */
        DV_ZERO,
        /** dc negated. */
        DC_SIGN,
        /** dWx multiplied by 1.01. */
        DWX_TIMES_1_01
    }

    static final int IN = 3, H = 4, OUT = 2, STEPS = 4, M = 3;

    final double[][] Wx, Wh, V;
    final double[] b, c;
    private final double[][][] x;
    private final double[][] t;
    private final double reduction;
    private final Bug bug;

    private ElmanRnn(Random random, Variant variant, Bug bug) {
        double s = variant.parameterScale();
        x = new double[M][][];
        for (int j = 0; j < M; j++) {
            x[j] = gaussian(random, STEPS, IN, 1);
        }
        t = gaussian(random, M, OUT, 1);
        Wx = gaussian(random, H, IN, s / Math.sqrt(IN));
        Wh = gaussian(random, H, H, s / Math.sqrt(H));
        b = gaussian(random, H, 0.1 * s);
        V = gaussian(random, OUT, H, s / Math.sqrt(H));
        c = gaussian(random, OUT, 0.1 * s);
        reduction = variant.reduction(M);
        this.bug = bug;
    }

    static ElmanRnn create(long seed, Variant variant, Bug bug) {
        if (variant.reluKink()) {
            throw new IllegalArgumentException("the Elman cell has no ReLU");
        }
        ElmanRnn rnn = new ElmanRnn(new Random(seed), variant, bug);
        if (variant.largeLoss()) {
            Tensors.scaleUntilLoss(rnn.t, 2, rnn::loss);
        }
        return rnn;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("Wx", Wx).add("Wh", Wh).add("b", b).add("V", V).add("c", c).build();
    }

    @Override
    public String name() {
        return "elman-rnn";
    }

    /** h_0 … h_T of sequence j. */
    private double[][] states(int j) {
        double[][] h = new double[STEPS + 1][];
        h[0] = new double[H];
        for (int s = 1; s <= STEPS; s++) {
            double[] z = Tensors.affine(Wx, x[j][s - 1], b);
            add(z, Tensors.affine(Wh, h[s - 1], new double[H]));
            h[s] = Tensors.tanh(z);
        }
        return h;
    }

    private double[] residual(double[] last, int j) {
        double[] r = Tensors.affine(V, last, c);
        for (int o = 0; o < OUT; o++) {
            r[o] -= t[j][o];
        }
        return r;
    }

    @Override
    public double loss() {
        double sum = 0;
        for (int j = 0; j < M; j++) {
            for (double r : residual(states(j)[STEPS], j)) {
                sum += 0.5 * r * r;
            }
        }
        return reduction * sum;
    }

    @Override
    public ParameterArrays gradient() {
        double[][] dWx = new double[H][IN], dWh = new double[H][H], dV = new double[OUT][H];
        double[] db = new double[H], dc = new double[OUT];
        for (int j = 0; j < M; j++) {
            double[][] h = states(j);
            double[] dy = residual(h[STEPS], j);
            if (bug != Bug.DV_ZERO) {
                addOuter(dV, dy, h[STEPS]);
            }
            add(dc, dy);
            double[] dh = transposedTimes(V, dy);
            for (int s = STEPS; s >= 1; s--) {
                double[] dz = new double[H];
                for (int i = 0; i < H; i++) {
                    dz[i] = dh[i] * (bug == Bug.TANH_DERIVATIVE_ONE_MINUS_TANH ? 1 - h[s][i] : 1 - h[s][i] * h[s][i]);
                }
                addOuter(dWx, dz, x[j][s - 1]);
                addOuter(dWh, dz, bug == Bug.DWH_USES_CURRENT_STATE ? h[s] : h[s - 1]);
                add(db, dz);
                if (bug == Bug.TRUNCATED_BPTT) {
                    break;
                }
                dh = transposedTimes(Wh, dz);
            }
        }
        scale(dWx, bug == Bug.DWX_TIMES_1_01 ? 1.01 * reduction : reduction);
        scale(dWh, reduction);
        scale(db, reduction);
        scale(dV, reduction);
        scale(dc, bug == Bug.DC_SIGN ? -reduction : reduction);
        if (bug == Bug.DWH_TRANSPOSED) {
            dWh = Tensors.transpose(dWh);
        }
        return ParameterArrays.builder().add("Wx", dWx).add("Wh", dWh).add("b", db).add("V", dV).add("c", dc).build();
    }
}
