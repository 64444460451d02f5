package io.github.gradcheck.layermutation;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/**
 * 2×2 max-pooling with stride 2 over x[C, H, W] = [2, 4, 4]; y[c, r, s] is the maximum of its
 * window. The correct backward pass routes dy to the window's first maximum (row-major order).
 */
final class MaxPoolLayer implements SuiteLayer {

    enum Bug {
        NONE,
        /** dy routed to every position of the window: the argmax mask forgotten. */
        DX_TO_EVERY_POSITION,
        /** dy routed to the window's top-left position whatever the maximum. */
        DX_TO_FIRST_POSITION,
        /** dy routed to the window's minimum. */
        DX_TO_MINIMUM
    }

    static final int CHANNELS = 2;
    static final int SIDE = 4;
    static final int OUT = SIDE / 2;

    final double[] x;
    private final Bug bug;

    MaxPoolLayer(long seed, LayerVariant variant, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        x = Draws.uniform(random, CHANNELS * SIDE * SIDE, -2, 2);
        if (variant == LayerVariant.EXACT_KINKS) {
            // Ties: window (0; 0, 0) has its maximum twice, window (1; 1, 1) four times, window (0; 1, 0)
            // twice with the second copy first in row-major order.
            double top = Math.max(Math.max(x[at(0, 0, 0)], x[at(0, 0, 1)]), Math.max(x[at(0, 1, 0)], x[at(0, 1, 1)]));
            x[at(0, 0, 0)] = top;
            x[at(0, 1, 1)] = top;
            double all = x[at(1, 2, 2)];
            x[at(1, 2, 3)] = all;
            x[at(1, 3, 2)] = all;
            x[at(1, 3, 3)] = all;
            double pair = Math.max(Math.max(x[at(0, 2, 0)], x[at(0, 2, 1)]), Math.max(x[at(0, 3, 0)], x[at(0, 3, 1)]));
            x[at(0, 2, 1)] = pair;
            x[at(0, 3, 0)] = pair;
        }
        this.bug = bug;
    }

    static int at(int channel, int r, int c) {
        return (channel * SIDE + r) * SIDE + c;
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("x", x, CHANNELS, SIDE, SIDE).build();
    }

    /** The flat index of the window's first maximum, or minimum when {@code lowest}. */
    private static int pick(double[] image, int channel, int r, int s, boolean lowest) {
        int best = at(channel, 2 * r, 2 * s);
        for (int u = 0; u < 2; u++) {
            for (int v = 0; v < 2; v++) {
                int index = at(channel, 2 * r + u, 2 * s + v);
                if (lowest ? image[index] < image[best] : image[index] > image[best]) {
                    best = index;
                }
            }
        }
        return best;
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[] image = inputs.vector("x");
        double[] y = new double[CHANNELS * OUT * OUT];
        for (int c = 0; c < CHANNELS; c++) {
            for (int r = 0; r < OUT; r++) {
                for (int s = 0; s < OUT; s++) {
                    y[(c * OUT + r) * OUT + s] = image[pick(image, c, r, s, false)];
                }
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[] image = inputs.vector("x");
        double[] dx = new double[image.length];
        for (int c = 0; c < CHANNELS; c++) {
            for (int r = 0; r < OUT; r++) {
                for (int s = 0; s < OUT; s++) {
                    double g = dy[(c * OUT + r) * OUT + s];
                    switch (bug) {
                        case DX_TO_EVERY_POSITION -> {
                            for (int u = 0; u < 2; u++) {
                                for (int v = 0; v < 2; v++) {
                                    dx[at(c, 2 * r + u, 2 * s + v)] += g;
                                }
                            }
                        }
                        case DX_TO_FIRST_POSITION -> dx[at(c, 2 * r, 2 * s)] += g;
                        case DX_TO_MINIMUM -> dx[pick(image, c, r, s, true)] += g;
                        default -> dx[pick(image, c, r, s, false)] += g;
                    }
                }
            }
        }
        return ParameterArrays.builder().add("x", dx, CHANNELS, SIDE, SIDE).build();
    }
}
