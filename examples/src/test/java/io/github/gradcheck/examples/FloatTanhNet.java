package io.github.gradcheck.examples;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;

/**
 * A one-hidden-layer regression network kept and computed in float, as a model ported from a GPU
 * code base or written over EJML's {@code FMatrixRMaj} would be: ŷ = w2 · tanh(W1 x + b1) + b2,
 * J = (1/2m) Σ (ŷ − y)². Its weights are {@code float[][]} and {@code float[]}, handed to the check
 * as they are (no copy into doubles), and its gradient comes back in float arrays too.
 */
final class FloatTanhNet implements DifferentiableModel {

    /** Where the planted bug is. */
    enum Bug {
        /** None. */
        NONE,
        /** tanh′ written as 1 − t instead of 1 − t² in the hidden layer's delta: W1 and b1 are wrong. */
        TANH_DERIVATIVE
    }

    final float[][] w1 = {{0.5f, -0.3f, 0.8f}, {-0.6f, 0.2f, 0.4f}, {0.1f, 0.9f, -0.5f}, {0.7f, -0.8f, 0.3f}};
    final float[] b1 = {0.1f, -0.2f, 0.05f, 0.3f};
    final float[] w2 = {0.6f, -0.9f, 0.4f, 0.75f};
    final float[] b2 = {-0.1f};
    final float[][] x = {{1.0f, -0.5f, 0.3f}, {0.2f, 0.8f, -1.1f}, {-0.7f, 0.4f, 0.9f}, {0.5f, 0.5f, 0.5f},
        {-1.2f, -0.3f, 0.6f}, {0.9f, -0.8f, -0.2f}};
    final float[] y = {0.4f, -0.6f, 0.2f, 0.9f, -0.3f, 0.1f};
    private final Bug bug;

    FloatTanhNet(Bug bug) {
        this.bug = bug;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W1", w1).add("b1", b1).add("w2", w2).add("b2", b2).build();
    }

    /** The hidden activations t = tanh(W1 x + b1) of sample {@code i}, in float. */
    private float[] hidden(int i) {
        float[] t = new float[w1.length];
        for (int j = 0; j < w1.length; j++) {
            float z = b1[j];
            for (int k = 0; k < x[i].length; k++) {
                z += w1[j][k] * x[i][k];
            }
            t[j] = (float) Math.tanh(z);
        }
        return t;
    }

    private float output(float[] t) {
        float out = b2[0];
        for (int j = 0; j < t.length; j++) {
            out += w2[j] * t[j];
        }
        return out;
    }

    @Override
    public double loss() {
        float sum = 0;
        for (int i = 0; i < x.length; i++) {
            float r = output(hidden(i)) - y[i];
            sum += r * r;
        }
        return sum / (2f * x.length);
    }

    @Override
    public ParameterArrays gradient() {
        float[][] dw1 = new float[w1.length][x[0].length];
        float[] db1 = new float[b1.length];
        float[] dw2 = new float[w2.length];
        float[] db2 = new float[1];
        for (int i = 0; i < x.length; i++) {
            float[] t = hidden(i);
            float r = (output(t) - y[i]) / x.length;
            db2[0] += r;
            for (int j = 0; j < t.length; j++) {
                dw2[j] += r * t[j];
                float derivative = bug == Bug.TANH_DERIVATIVE ? 1 - t[j] : 1 - t[j] * t[j];
                float delta = r * w2[j] * derivative;
                db1[j] += delta;
                for (int k = 0; k < x[i].length; k++) {
                    dw1[j][k] += delta * x[i][k];
                }
            }
        }
        return ParameterArrays.builder().add("W1", dw1).add("b1", db1).add("w2", dw2).add("b2", db2).build();
    }
}
