package io.github.gradcheck.mutation;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;
import java.util.Random;

/**
 * (e) A 1-D convolution (valid, stride 1), y[o][p] = Σ_c Σ_k K[o][c][k]·x[c][p + k] + bias[o],
 * with the squared loss ½‖y − t‖² over a batch of {@value #M} signals. K is one flat, row-major
 * array of shape outChannels×inChannels×width.
 */
final class Conv1d implements DifferentiableModel {

    enum Bug {
        NONE,
        /** dK[o][c][k] from x[c][p + width − 1 − k]: the kernel flipped, convolution for correlation. */
        KERNEL_FLIPPED,
        /** dK without the 1/m. */
        DK_FORGOT_MEAN,
        /** dy = 2(y − t), the derivative of ‖y − t‖², though the loss has the ½. */
        FORGOT_HALF,
        /** dK negated. */
        DK_SIGN,
        /** A typo: the contribution to dK[1][0][2] accumulated into dK[1][0][1]. */
        DK_TYPO,
        /** dbias[o] accumulated into dbias[o + 1] (cyclically). */
        DBIAS_OFF_BY_ONE,
        /** dbias[o] summed over the first output position only instead of all of them. */
        DBIAS_FIRST_POSITION_ONLY
    }

    static final int IN_CHANNELS = 2, LENGTH = 8, OUT_CHANNELS = 3, WIDTH = 3, M = 4;
    static final int OUT_LENGTH = LENGTH - WIDTH + 1;

    final double[] K;
    final double[] bias;
    private final double[][][] x;
    private final double[][] t;
    private final double reduction;
    private final Bug bug;

    private Conv1d(Random random, Variant variant, Bug bug) {
        double s = variant.parameterScale();
        x = new double[M][][];
        for (int j = 0; j < M; j++) {
            x[j] = Tensors.gaussian(random, IN_CHANNELS, LENGTH, 1);
        }
        t = Tensors.gaussian(random, M, OUT_CHANNELS * OUT_LENGTH, 1);
        K = Tensors.gaussian(random, OUT_CHANNELS * IN_CHANNELS * WIDTH, s / Math.sqrt(IN_CHANNELS * WIDTH));
        bias = Tensors.gaussian(random, OUT_CHANNELS, 0.1 * s);
        reduction = variant.reduction(M);
        this.bug = bug;
    }

    static Conv1d create(long seed, Variant variant, Bug bug) {
        if (variant.reluKink()) {
            throw new IllegalArgumentException("the convolution has no ReLU");
        }
        Conv1d conv = new Conv1d(new Random(seed), variant, bug);
        if (variant.largeLoss()) {
            Tensors.scaleUntilLoss(conv.t, 2, conv::loss);
        }
        return conv;
    }

    private static int k(int o, int c, int k) {
        return (o * IN_CHANNELS + c) * WIDTH + k;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("K", K, OUT_CHANNELS, IN_CHANNELS, WIDTH).add("bias", bias).build();
    }

    @Override
    public String name() {
        return "conv1d";
    }

    /** The residuals y − t of example j, flat as [o * OUT_LENGTH + p]. */
    private double[] residual(int j) {
        double[] r = new double[OUT_CHANNELS * OUT_LENGTH];
        for (int o = 0; o < OUT_CHANNELS; o++) {
            for (int p = 0; p < OUT_LENGTH; p++) {
                double y = bias[o];
                for (int c = 0; c < IN_CHANNELS; c++) {
                    for (int k = 0; k < WIDTH; k++) {
                        y += K[k(o, c, k)] * x[j][c][p + k];
                    }
                }
                r[o * OUT_LENGTH + p] = y - t[j][o * OUT_LENGTH + p];
            }
        }
        return r;
    }

    @Override
    public double loss() {
        double sum = 0;
        for (int j = 0; j < M; j++) {
            for (double r : residual(j)) {
                sum += 0.5 * r * r;
            }
        }
        return reduction * sum;
    }

    @Override
    public ParameterArrays gradient() {
        double[] dK = new double[K.length];
        double[] dBias = new double[OUT_CHANNELS];
        for (int j = 0; j < M; j++) {
            double[] dy = residual(j);
            if (bug == Bug.FORGOT_HALF) {
                Tensors.scale(dy, 2);
            }
            for (int o = 0; o < OUT_CHANNELS; o++) {
                for (int p = 0; p < OUT_LENGTH; p++) {
                    double d = dy[o * OUT_LENGTH + p];
                    for (int c = 0; c < IN_CHANNELS; c++) {
                        for (int k = 0; k < WIDTH; k++) {
                            int tap = bug == Bug.KERNEL_FLIPPED ? WIDTH - 1 - k : k;
                            int into = bug == Bug.DK_TYPO && o == 1 && c == 0 && k == 2 ? 1 : k;
                            dK[k(o, c, into)] += d * x[j][c][p + tap];
                        }
                    }
                    if (bug != Bug.DBIAS_FIRST_POSITION_ONLY || p == 0) {
                        dBias[bug == Bug.DBIAS_OFF_BY_ONE ? (o + 1) % OUT_CHANNELS : o] += d;
                    }
                }
            }
        }
        Tensors.scale(dK, switch (bug) {
            case DK_FORGOT_MEAN -> 1;
            case DK_SIGN -> -reduction;
            default -> reduction;
        });
        Tensors.scale(dBias, reduction);
        return ParameterArrays.builder().add("K", dK, OUT_CHANNELS, IN_CHANNELS, WIDTH).add("bias", dBias).build();
    }
}
