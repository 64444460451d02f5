package io.github.gradcheck.heldoutlayers;

import java.util.SplittableRandom;

/** Seeded uniform draws for the held-out layers' inputs and parameters. */
final class Draws {

    private Draws() {
    }

    /** {@code n} values uniform in [low, high). */
    static double[] uniform(SplittableRandom random, int n, double low, double high) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble(low, high);
        }
        return values;
    }

    /** A rows×cols matrix uniform in [low, high). */
    static double[][] uniform(SplittableRandom random, int rows, int cols, double low, double high) {
        double[][] values = new double[rows][];
        for (int r = 0; r < rows; r++) {
            values[r] = uniform(random, cols, low, high);
        }
        return values;
    }
}
