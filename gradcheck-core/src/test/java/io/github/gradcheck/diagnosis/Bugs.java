package io.github.gradcheck.diagnosis;

/** Gradient-vector surgery the cases' bugs share: each returns a changed copy of one block's slice. */
final class Bugs {

    private Bugs() {
    }

    /** Scales [from, to) by {@code factor}. */
    static void scale(double[] g, int from, int to, double factor) {
        for (int k = from; k < to; k++) {
            g[k] *= factor;
        }
    }

    /**
     * An r×c block at {@code offset} whose gradient is written in column-major order into the row-major
     * slot (analytic[j·r + i] = true[i·c + j]) when {@code analyticSide}, else read from it the other way
     * (analytic[i·c + j] = true[j·r + i]).
     */
    static void columnMajor(double[] g, int offset, int rows, int cols, boolean analyticSide) {
        double[] block = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (analyticSide) {
                    block[j * rows + i] = g[offset + i * cols + j];
                } else {
                    block[i * cols + j] = g[offset + j * rows + i];
                }
            }
        }
        System.arraycopy(block, 0, g, offset, block.length);
    }

    /** Swaps two slices of equal length. */
    static void swap(double[] g, int first, int second, int length) {
        for (int k = 0; k < length; k++) {
            double t = g[first + k];
            g[first + k] = g[second + k];
            g[second + k] = t;
        }
    }

    /** Each element of [from, to) multiplied by 1 + ½ sin(7k): a wrong formula no simple pattern explains. */
    static void distort(double[] g, int from, int to) {
        for (int k = from; k < to; k++) {
            g[k] *= 1 + 0.5 * Math.sin(7 * k);
        }
    }

    /** Fixed pseudo-random values in (−1, 1), the same on every machine. */
    static double[] values(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[] values = new double[n];
        for (int k = 0; k < n; k++) {
            values[k] = random.nextDouble(-1, 1);
        }
        return values;
    }
}
