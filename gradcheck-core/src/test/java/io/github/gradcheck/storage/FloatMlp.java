package io.github.gradcheck.storage;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;
import java.util.Random;

/**
 * A two-layer network computed entirely in float, as a float library computes it: tanh hidden
 * units, a softmax-cross-entropy head, the mean over m examples. Its parameters and its gradient
 * are float arrays handed to the check directly. {@link Bug} plants one backward-pass error.
 */
final class FloatMlp implements DifferentiableModel {

    /** One planted error of the backward pass, or none. */
    enum Bug {
        NONE,
        /** db2 doubled: a bias gradient counted twice. */
        OUTPUT_BIAS_TIMES_TWO,
        /** dW1[1,2] with its sign flipped: one element wrong. */
        SIGN_OF_W1_1_2,
        /** dW2 without its 1/m. */
        W2_WITHOUT_ONE_OVER_M,
        /** tanh' taken as 1 − h instead of 1 − h²: every element of W1 and b1 off. */
        TANH_DERIVATIVE,
        /** db1[0] off by 1 %: a small slip in one element. */
        B1_0_ONE_PERCENT
    }

    final float[][] w1;
    final float[] b1;
    final float[][] w2;
    final float[] b2;
    private final float[][] x;
    private final int[] y;
    Bug bug = Bug.NONE;

    FloatMlp(long seed, int inputs, int hidden, int classes, int examples) {
        Random random = new Random(seed);
        w1 = matrix(random, hidden, inputs, 0.6);
        b1 = matrix(random, 1, hidden, 0.2)[0];
        w2 = matrix(random, classes, hidden, 0.6);
        b2 = matrix(random, 1, classes, 0.2)[0];
        x = matrix(random, examples, inputs, 1);
        y = new int[examples];
        for (int e = 0; e < examples; e++) {
            y[e] = random.nextInt(classes);
        }
    }

    private static float[][] matrix(Random random, int rows, int cols, double scale) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = (float) (scale * random.nextGaussian());
            }
        }
        return m;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W1", w1).add("b1", b1).add("W2", w2).add("b2", b2).build();
    }

    @Override
    public int batchSize() {
        return x.length;
    }

    private float[] hidden(float[] input) {
        float[] h = new float[w1.length];
        for (int j = 0; j < h.length; j++) {
            float a = b1[j];
            for (int i = 0; i < input.length; i++) {
                a += w1[j][i] * input[i];
            }
            h[j] = (float) Math.tanh(a);
        }
        return h;
    }

    private float[] probabilities(float[] h) {
        float[] z = new float[w2.length];
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < z.length; k++) {
            float a = b2[k];
            for (int j = 0; j < h.length; j++) {
                a += w2[k][j] * h[j];
            }
            z[k] = a;
            max = Math.max(max, a);
        }
        float sum = 0;
        for (int k = 0; k < z.length; k++) {
            z[k] = (float) Math.exp(z[k] - max);
            sum += z[k];
        }
        for (int k = 0; k < z.length; k++) {
            z[k] /= sum;
        }
        return z;
    }

    @Override
    public double loss() {
        float total = 0;
        for (int e = 0; e < x.length; e++) {
            total -= (float) Math.log(probabilities(hidden(x[e]))[y[e]]);
        }
        return total / x.length;
    }

    @Override
    public ParameterArrays gradient() {
        float[][] dw1 = new float[w1.length][w1[0].length];
        float[] db1 = new float[b1.length];
        float[][] dw2 = new float[w2.length][w2[0].length];
        float[] db2 = new float[b2.length];
        float m = x.length;
        for (int e = 0; e < x.length; e++) {
            float[] h = hidden(x[e]);
            float[] dz = probabilities(h);
            dz[y[e]] -= 1;
            float[] dh = new float[h.length];
            for (int k = 0; k < dz.length; k++) {
                db2[k] += dz[k] / m;
                for (int j = 0; j < h.length; j++) {
                    dw2[k][j] += dz[k] * h[j] / (bug == Bug.W2_WITHOUT_ONE_OVER_M ? 1 : m);
                    dh[j] += w2[k][j] * dz[k];
                }
            }
            for (int j = 0; j < h.length; j++) {
                float da = dh[j] * (bug == Bug.TANH_DERIVATIVE ? 1 - h[j] : 1 - h[j] * h[j]);
                db1[j] += da / m;
                for (int i = 0; i < x[e].length; i++) {
                    dw1[j][i] += da * x[e][i] / m;
                }
            }
        }
        switch (bug) {
            case OUTPUT_BIAS_TIMES_TWO -> {
                for (int k = 0; k < db2.length; k++) {
                    db2[k] *= 2;
                }
            }
            case SIGN_OF_W1_1_2 -> dw1[1][2] = -dw1[1][2];
            case B1_0_ONE_PERCENT -> db1[0] *= 1.01f;
            default -> {
            }
        }
        return ParameterArrays.builder().add("W1", dw1).add("b1", db1).add("W2", dw2).add("b2", db2).build();
    }
}
