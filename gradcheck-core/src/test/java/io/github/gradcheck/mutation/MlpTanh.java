package io.github.gradcheck.mutation;

import static io.github.gradcheck.mutation.Tensors.add;
import static io.github.gradcheck.mutation.Tensors.addOuter;
import static io.github.gradcheck.mutation.Tensors.affine;
import static io.github.gradcheck.mutation.Tensors.gaussian;
import static io.github.gradcheck.mutation.Tensors.scale;
import static io.github.gradcheck.mutation.Tensors.transposedTimes;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;
import java.util.Random;

/**
 * (b) LINEAR → TANH → LINEAR → TANH → LINEAR with the squared loss ½‖ŷ − t‖² over a batch of
 * {@value #M}.
 */
final class MlpTanh implements DifferentiableModel {

    enum Bug {
        NONE,
        /** tanh'(z) = 1 − tanh(z) instead of 1 − tanh²(z), in both layers. */
        TANH_DERIVATIVE_ONE_MINUS_TANH,
        /** tanh'(z) = 1 − z² (the pre-activation squared), in both layers. */
        TANH_DERIVATIVE_OF_PREACTIVATION,
        /** No 1/m anywhere: every block m times too large. */
        FORGOT_MEAN,
        /** db3 multiplied by 1.01. */
        DB3_TIMES_1_01,
        /** dW2 += λ·W2 with λ = {@value #EXTRA_LAMBDA}, a weight decay the loss does not have. */
        EXTRA_L2_ON_W2,
        /** dW1 negated. */
        DW1_SIGN
    }

    static final int IN = 3, H = 4, OUT = 2, M = 5;
    static final double EXTRA_LAMBDA = 0.05;

    final double[][] W1, W2, W3;
    final double[] b1, b2, b3;
    private final double[][] x, t;
    private final double reduction;
    private final Bug bug;

    private MlpTanh(Random random, Variant variant, Bug bug) {
        double s = variant.parameterScale();
        x = gaussian(random, M, IN, 1);
        t = gaussian(random, M, OUT, 1);
        W1 = gaussian(random, H, IN, s / Math.sqrt(IN));
        b1 = gaussian(random, H, 0.1 * s);
        W2 = gaussian(random, H, H, s / Math.sqrt(H));
        b2 = gaussian(random, H, 0.1 * s);
        W3 = gaussian(random, OUT, H, s / Math.sqrt(H));
        b3 = gaussian(random, OUT, 0.1 * s);
        reduction = variant.reduction(M);
        this.bug = bug;
    }

    static MlpTanh create(long seed, Variant variant, Bug bug) {
        MlpTanh net = new MlpTanh(new Random(seed), variant, bug);
        if (variant.largeLoss()) {
            Tensors.scaleUntilLoss(net.t, 2, net::loss);
        }
        return net;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W1", W1).add("b1", b1).add("W2", W2).add("b2", b2)
                .add("W3", W3).add("b3", b3).build();
    }

    @Override
    public double loss() {
        return forward().loss;
    }

    @Override
    public String name() {
        return "mlp-tanh";
    }

    private record Pass(double[][] z1, double[][] a1, double[][] z2, double[][] a2, double[][] out, double loss) {
    }

    private Pass forward() {
        double[][] z1 = new double[M][], a1 = new double[M][], z2 = new double[M][], a2 = new double[M][], out = new double[M][];
        double loss = 0;
        for (int j = 0; j < M; j++) {
            z1[j] = affine(W1, x[j], b1);
            a1[j] = Tensors.tanh(z1[j]);
            z2[j] = affine(W2, a1[j], b2);
            a2[j] = Tensors.tanh(z2[j]);
            out[j] = affine(W3, a2[j], b3);
            for (int o = 0; o < OUT; o++) {
                double r = out[j][o] - t[j][o];
                loss += 0.5 * r * r;
            }
        }
        return new Pass(z1, a1, z2, a2, out, loss * reduction);
    }

    @Override
    public ParameterArrays gradient() {
        Pass f = forward();
        double[][] dW1 = new double[H][IN], dW2 = new double[H][H], dW3 = new double[OUT][H];
        double[] db1 = new double[H], db2 = new double[H], db3 = new double[OUT];
        for (int j = 0; j < M; j++) {
            double[] dOut = new double[OUT];
            for (int o = 0; o < OUT; o++) {
                dOut[o] = f.out[j][o] - t[j][o];
            }
            addOuter(dW3, dOut, f.a2[j]);
            add(db3, dOut);
            double[] dz2 = tanhBackward(transposedTimes(W3, dOut), f.z2[j], f.a2[j]);
            addOuter(dW2, dz2, f.a1[j]);
            add(db2, dz2);
            double[] dz1 = tanhBackward(transposedTimes(W2, dz2), f.z1[j], f.a1[j]);
            addOuter(dW1, dz1, x[j]);
            add(db1, dz1);
        }
        double mean = bug == Bug.FORGOT_MEAN ? 1 : reduction;
        scale(dW1, bug == Bug.DW1_SIGN ? -mean : mean);
        scale(db1, mean);
        scale(dW2, mean);
        scale(db2, mean);
        scale(dW3, mean);
        scale(db3, bug == Bug.DB3_TIMES_1_01 ? 1.01 * mean : mean);
        if (bug == Bug.EXTRA_L2_ON_W2) {
            for (int i = 0; i < H; i++) {
                for (int k = 0; k < H; k++) {
                    dW2[i][k] += EXTRA_LAMBDA * W2[i][k];
                }
            }
        }
        return ParameterArrays.builder().add("W1", dW1).add("b1", db1).add("W2", dW2).add("b2", db2)
                .add("W3", dW3).add("b3", db3).build();
    }

    private double[] tanhBackward(double[] da, double[] z, double[] a) {
        double[] dz = new double[da.length];
        for (int i = 0; i < da.length; i++) {
            double derivative = switch (bug) {
                case TANH_DERIVATIVE_ONE_MINUS_TANH -> 1 - a[i];
                case TANH_DERIVATIVE_OF_PREACTIVATION -> 1 - z[i] * z[i];
                default -> 1 - a[i] * a[i];
            };
            dz[i] = da[i] * derivative;
        }
        return dz;
    }
}
