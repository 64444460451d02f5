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
 * (a) LINEAR → RELU → LINEAR → RELU → LINEAR → SOFTMAX with the cross-entropy over a batch of
 * {@value #M}. W2 is square so that its gradient can be transposed.
 */
final class MlpRelu implements DifferentiableModel {

    enum Bug {
        NONE,
        /** dZ3 = y − p instead of p − y: every block negated. */
        DZ3_SIGN,
        /** dW3 without the 1/m. */
        DW3_FORGOT_MEAN,
        /** The assignment's bug: dW2 multiplied by 2. */
        DW2_TIMES_TWO,
        /** dW2[i][k] written to [k][i]. */
        DW2_TRANSPOSED,
        /** db1[i] accumulated into db1[i + 1] (cyclically). */
        DB1_OFF_BY_ONE,
        /** dW1[0][0] never accumulated. */
        DW1_ELEMENT_SKIPPED,
        /** db2 never accumulated. */
        DB2_ZERO,
        /** ReLU'(z) = 1 for z ≥ 0 instead of z > 0: differs only where z is exactly 0. */
        RELU_DERIVATIVE_AT_ZERO,
        /** The second ReLU's backward masked with the first layer's pre-activations. */
        LAYER2_MASK_FROM_LAYER1
    }

    static final int IN = 4, H = 5, OUT = 3, M = 6;

    final double[][] W1, W2, W3;
    final double[] b1, b2, b3;
    private final double[][] x;
    private final int[] y;
    private final double reduction;
    private final Bug bug;

    private MlpRelu(Random random, Variant variant, Bug bug) {
        double s = variant.parameterScale();
        x = gaussian(random, M, IN, 1);
        y = new int[M];
        for (int j = 0; j < M; j++) {
            y[j] = random.nextInt(OUT);
        }
        W1 = gaussian(random, H, IN, s * Math.sqrt(2.0 / IN));
        b1 = gaussian(random, H, 0.1 * s);
        W2 = gaussian(random, H, H, s * Math.sqrt(2.0 / H));
        b2 = gaussian(random, H, 0.1 * s);
        W3 = gaussian(random, OUT, H, s * Math.sqrt(1.0 / H));
        b3 = gaussian(random, OUT, 0.1 * s);
        reduction = variant.reduction(M);
        this.bug = bug;
    }

    static MlpRelu create(long seed, Variant variant, Bug bug) {
        Random random = new Random(seed);
        MlpRelu net = new MlpRelu(random, variant, bug);
        if (variant.largeLoss()) {
            Tensors.scaleUntilLoss(net.x, 1, net::loss);
        }
        if (variant.reluKink()) {
            net.placeKinks(random);
        }
        return net;
    }

    /** Sets biases so that three pre-activations sit at or within 1e-8 of ReLU's kink. */
    private void placeKinks(Random random) {
        b1[0] = -Tensors.dot(W1[0], x[0]);                                            // z1[0] of example 0: exactly 0
        b1[1] = -Tensors.dot(W1[1], x[1]) + 1e-8 * (2 * random.nextDouble() - 1);     // z1[1] of example 1: |z| < 1e-8
        double[] a1 = Tensors.relu(affine(W1, x[2], b1));
        b2[0] = -Tensors.dot(W2[0], a1) + 1e-8 * (2 * random.nextDouble() - 1);       // z2[0] of example 2: |z| < 1e-8
    }

    /** The smallest |pre-activation| of either ReLU layer over the batch. */
    double smallestPreactivation() {
        Pass f = forward();
        double smallest = Double.POSITIVE_INFINITY;
        for (int j = 0; j < M; j++) {
            for (int i = 0; i < H; i++) {
                smallest = Math.min(smallest, Math.min(Math.abs(f.z1[j][i]), Math.abs(f.z2[j][i])));
            }
        }
        return smallest;
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
        return "mlp-relu";
    }

    private record Pass(double[][] z1, double[][] a1, double[][] z2, double[][] a2, double[][] p, double loss) {
    }

    private Pass forward() {
        double[][] z1 = new double[M][], a1 = new double[M][], z2 = new double[M][], a2 = new double[M][], p = new double[M][];
        double loss = 0;
        for (int j = 0; j < M; j++) {
            z1[j] = affine(W1, x[j], b1);
            a1[j] = Tensors.relu(z1[j]);
            z2[j] = affine(W2, a1[j], b2);
            a2[j] = Tensors.relu(z2[j]);
            double[] z3 = affine(W3, a2[j], b3);
            p[j] = Tensors.softmax(z3);
            loss += Tensors.logSumExp(z3) - z3[y[j]];
        }
        return new Pass(z1, a1, z2, a2, p, loss * reduction);
    }

    @Override
    public ParameterArrays gradient() {
        Pass f = forward();
        double[][] dW1 = new double[H][IN], dW2 = new double[H][H], dW3 = new double[OUT][H];
        double[] db1 = new double[H], db2 = new double[H], db3 = new double[OUT];
        for (int j = 0; j < M; j++) {
            double[] dz3 = f.p[j].clone();
            dz3[y[j]] -= 1;
            if (bug == Bug.DZ3_SIGN) {
                scale(dz3, -1);
            }
            addOuter(dW3, dz3, f.a2[j]);
            add(db3, dz3);

            double[] dz2 = reluBackward(transposedTimes(W3, dz3), bug == Bug.LAYER2_MASK_FROM_LAYER1 ? f.z1[j] : f.z2[j]);
            addOuter(dW2, dz2, f.a1[j]);
            if (bug != Bug.DB2_ZERO) {
                add(db2, dz2);
            }

            double[] dz1 = reluBackward(transposedTimes(W2, dz2), f.z1[j]);
            for (int i = 0; i < H; i++) {
                for (int k = 0; k < IN; k++) {
                    if (!(bug == Bug.DW1_ELEMENT_SKIPPED && i == 0 && k == 0)) {
                        dW1[i][k] += dz1[i] * x[j][k];
                    }
                }
                db1[bug == Bug.DB1_OFF_BY_ONE ? (i + 1) % H : i] += dz1[i];
            }
        }
        scale(dW1, reduction);
        scale(db1, reduction);
        scale(dW2, (bug == Bug.DW2_TIMES_TWO ? 2 : 1) * reduction);
        scale(db2, reduction);
        scale(dW3, bug == Bug.DW3_FORGOT_MEAN ? 1 : reduction);
        scale(db3, reduction);
        if (bug == Bug.DW2_TRANSPOSED) {
            dW2 = Tensors.transpose(dW2);
        }
        return ParameterArrays.builder().add("W1", dW1).add("b1", db1).add("W2", dW2).add("b2", db2)
                .add("W3", dW3).add("b3", db3).build();
    }

    private double[] reluBackward(double[] da, double[] z) {
        double[] dz = new double[da.length];
        for (int i = 0; i < da.length; i++) {
            boolean active = bug == Bug.RELU_DERIVATIVE_AT_ZERO ? z[i] >= 0 : z[i] > 0;
            dz[i] = active ? da[i] : 0;
        }
        return dz;
    }
}
