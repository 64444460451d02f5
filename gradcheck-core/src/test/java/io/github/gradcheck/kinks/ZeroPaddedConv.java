package io.github.gradcheck.kinks;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;

/**
 * A convolution as at initialisation: a 1-D kernel k of width 3 with a zero bias b over an input
 * zero-padded by 3 on each side, a ReLU, and a readout r of mixed signs; J = Σ r·relu(k ∗ x + b) / P
 * + λ‖θ‖²/2. Every window that lies wholly in the padding has a pre-activation of exactly 0, all
 * switching together along b, and the kernel elements there see inputs of 0.
 */
final class ZeroPaddedConv implements DifferentiableModel {

    /** The planted bugs, each next to the kinks. */
    enum Bug {
        NONE,
        /** The bias's gradient doubled. */
        BIAS_DOUBLED,
        /** The kernel's gradient taken through relu′ = 1 also where the pre-activation is negative. */
        KERNEL_IGNORES_RELU
    }

    private static final double LAMBDA = 0.1;
    private static final int PAD = 3;
    private static final double[] INPUT = {0.9, -1.2, 0.4, 1.5, -0.3, 0.8};
    private static final double[] R;

    static {
        int positions = INPUT.length + 2 * PAD - 2;
        R = new double[positions];
        for (int p = 0; p < positions; p++) {
            R[p] = (p % 3 == 0 ? -0.7 : 0.5) + 0.05 * p;
        }
    }

    final double[] k = {0.25, -0.5, 0.75};
    final double[] b = {0};
    private final Bug bug;

    ZeroPaddedConv(Bug bug) {
        this.bug = bug;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("k", k).add("b", b).build();
    }

    private static double padded(int j) {
        int i = j - PAD;
        return i >= 0 && i < INPUT.length ? INPUT[i] : 0;
    }

    private double z(int p) {
        double s = b[0];
        for (int t = 0; t < k.length; t++) {
            s += k[t] * padded(p + t);
        }
        return s;
    }

    @Override
    public double loss() {
        double sum = 0;
        for (int p = 0; p < R.length; p++) {
            sum += R[p] * Math.max(0, z(p));
        }
        return sum / R.length + LAMBDA / 2 * (k[0] * k[0] + k[1] * k[1] + k[2] * k[2] + b[0] * b[0]);
    }

    @Override
    public ParameterArrays gradient() {
        double[] dk = {LAMBDA * k[0], LAMBDA * k[1], LAMBDA * k[2]};
        double[] db = {LAMBDA * b[0]};
        for (int p = 0; p < R.length; p++) {
            double zp = z(p);
            double relu = zp > 0 ? 1 : 0;
            double dz = R[p] * relu / R.length;
            db[0] += dz * (bug == Bug.BIAS_DOUBLED ? 2 : 1);
            double kernelDz = bug == Bug.KERNEL_IGNORES_RELU ? R[p] / R.length : dz;
            for (int t = 0; t < k.length; t++) {
                dk[t] += kernelDz * padded(p + t);
            }
        }
        return ParameterArrays.builder().add("k", dk).add("b", db).build();
    }
}
