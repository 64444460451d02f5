package io.github.gradcheck.layermutation;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/**
 * A softmax-cross-entropy loss head: logits z[m, k] (differentiable) and integer targets t[m]
 * (constant), y[r] = log Σⱼ exp z[r, j] − z[r, t[r]], one loss per example. The correct backward
 * pass: dz[r, j] = dy[r] · (p[r, j] − [j = t[r]]) with p = softmax(z[r]).
 */
final class SoftmaxCrossEntropyLayer implements SuiteLayer {

    enum Bug {
        NONE,
        /**
         * dz through the softmax's Jacobian with its diagonal only, p(1 − p), ignoring −pᵢpⱼ:
         * dz[r, j] = dy[r]·(p[r, t] − 1) at the target, 0 elsewhere.
         */
        DX_JACOBIAN_DIAGONAL_ONLY,
        /** dz = dy·p: the one-hot target not subtracted. */
        DX_WITHOUT_ONE_HOT,
        /** dz = dy·(p + one-hot): the target added instead of subtracted. */
        DX_ONE_HOT_ADDED,
        /** The one-hot at t + 1 (mod k): a target index off by one. */
        DX_TARGET_OFF_BY_ONE,
        /** Every row scaled by the batch's mean dy instead of its own dy[r]. */
        DX_MEAN_UPSTREAM,
        /** One element of dz, z[1, 2], scaled by 1.5. */
        DX_ONE_ELEMENT
    }

    static final int BATCH = 3;
    static final int CLASSES = 4;

    final double[][] logits;
    final int[] targets;
    private final Bug bug;

    SoftmaxCrossEntropyLayer(long seed, LayerVariant variant, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        double scale = variant == LayerVariant.HARD_INPUTS ? 30 : 2;
        logits = Draws.uniform(random, BATCH, CLASSES, -scale, scale);
        targets = new int[BATCH];
        for (int r = 0; r < BATCH; r++) {
            targets[r] = random.nextInt(CLASSES);
        }
        this.bug = bug;
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("logits", logits).constant("targets", targets).build();
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : z) {
            max = Math.max(max, value);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            p[j] = Math.exp(z[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < z.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[][] z = inputs.matrix("logits");
        int[] t = inputs.constant("targets", int[].class);
        double[] y = new double[z.length];
        for (int r = 0; r < z.length; r++) {
            y[r] = -Math.log(softmax(z[r])[t[r]]);
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[][] z = inputs.matrix("logits");
        int[] t = inputs.constant("targets", int[].class);
        double meanUpstream = 0;
        for (double g : dy) {
            meanUpstream += g / dy.length;
        }
        double[][] dz = new double[z.length][CLASSES];
        for (int r = 0; r < z.length; r++) {
            double[] p = softmax(z[r]);
            double upstream = bug == Bug.DX_MEAN_UPSTREAM ? meanUpstream : dy[r];
            int target = bug == Bug.DX_TARGET_OFF_BY_ONE ? (t[r] + 1) % CLASSES : t[r];
            for (int j = 0; j < CLASSES; j++) {
                double oneHot = j == target ? 1 : 0;
                dz[r][j] = upstream * switch (bug) {
                    case DX_JACOBIAN_DIAGONAL_ONLY -> j == target ? p[j] - 1 : 0;
                    case DX_WITHOUT_ONE_HOT -> p[j];
                    case DX_ONE_HOT_ADDED -> p[j] + oneHot;
                    default -> p[j] - oneHot;
                };
            }
        }
        if (bug == Bug.DX_ONE_ELEMENT) {
            dz[1][2] *= 1.5;
        }
        return ParameterArrays.builder().add("logits", dz).build();
    }
}
