package io.github.gradcheck.internal.engine;

import io.github.gradcheck.report.ElementVerdict;

/**
 * The seed's measure of disagreement, ‖a − b‖₂ / (‖a‖₂ + ‖b‖₂), between 0 (equal) and 1
 * (opposite), over a range of the analytic gradient and a check's numeric results; and the norms it
 * is made of. Each norm is summed as np.linalg.norm sums it: squares in units of 1, or of the largest
 * |element| where squaring would overflow or underflow.
 */
final class RelativeDifference {

    private RelativeDifference() {
    }

    /**
     * The difference between {@code gradient} and the numeric gradient of {@code elements} over the
     * checked elements of {@code [from, to)} whose verdict is {@code only} (every checked one where
     * null), as if the others were zero on both sides: the checked elements only are visited, in
     * index order, and the three norms are taken in two passes (their largest values, then their
     * sums), each summed as {@link #checkedNorm} sums it alone.
     */
    static double of(double[] gradient, ElementResults elements, int from, int to, ElementVerdict only) {
        Norms norms = new Norms();
        double[] every = only == null ? elements.numericOfEvery() : null;
        if (every != null) {
            // Every element checked, the numeric derivatives in an array: the same sums in the same order, in loops over two arrays.
            for (int i = from; i < to; i++) {
                norms.largest(gradient[i], every[i]);
            }
            norms.scale();
            for (int i = from; i < to; i++) {
                norms.square(gradient[i], every[i]);
            }
            return norms.difference();
        }
        for (int i = elements.nextChecked(from); i < to; i = elements.nextChecked(i + 1)) {
            if (only == null || elements.verdict(i) == only) {
                norms.largest(gradient[i], elements.numeric(i));
            }
        }
        norms.scale();
        for (int i = elements.nextChecked(from); i < to; i = elements.nextChecked(i + 1)) {
            if (only == null || elements.verdict(i) == only) {
                norms.square(gradient[i], elements.numeric(i));
            }
        }
        return norms.difference();
    }

    /** The three norms of {@link #of}, a, b and a − b, summed in two passes: their largest values, then their squares. */
    private static final class Norms {
        private double largestA;
        private double largestB;
        private double largestDifference;
        private double scaleA;
        private double scaleB;
        private double scaleDifference;
        private double sumA;
        private double sumB;
        private double sumDifference;

        void largest(double a, double b) {
            largestA = Math.max(largestA, Math.abs(a));
            largestB = Math.max(largestB, Math.abs(b));
            largestDifference = Math.max(largestDifference, Math.abs(a - b));
        }

        void scale() {
            scaleA = RelativeDifference.scale(largestA);
            scaleB = RelativeDifference.scale(largestB);
            scaleDifference = RelativeDifference.scale(largestDifference);
        }

        void square(double a, double b) {
            double x = a / scaleA;
            double y = b / scaleB;
            double z = (a - b) / scaleDifference;
            sumA += x * x;
            sumB += y * y;
            sumDifference += z * z;
        }

        double difference() {
            double denominator = norm(largestA, sumA, scaleA) + norm(largestB, sumB, scaleB);
            return denominator == 0 ? 0 : norm(largestDifference, sumDifference, scaleDifference) / denominator;
        }
    }

    /**
     * The Euclidean norm over the checked elements of {@code [from, to)} of the numeric gradient
     * (gradient null) or of gradient − numeric.
     */
    static double checkedNorm(double[] gradient, ElementResults elements, int from, int to) {
        double largest = 0;
        for (int i = elements.nextChecked(from); i < to; i = elements.nextChecked(i + 1)) {
            largest = Math.max(largest, Math.abs(term(gradient, elements, i)));
        }
        if (largest == 0 || Double.isInfinite(largest)) {
            return largest;
        }
        double scale = scale(largest);
        double sum = 0;
        for (int i = elements.nextChecked(from); i < to; i = elements.nextChecked(i + 1)) {
            double x = term(gradient, elements, i) / scale;
            sum += x * x;
        }
        return Math.sqrt(sum) * scale;
    }

    private static double term(double[] gradient, ElementResults elements, int i) {
        return gradient == null ? elements.numeric(i) : gradient[i] - elements.numeric(i);
    }

    /** The Euclidean norm of {@code a} (of {@code a − b} if {@code b} is given) over {@code [from, to)}. */
    static double norm(double[] a, double[] b, int from, int to) {
        double largest = 0;
        for (int i = from; i < to; i++) {
            largest = Math.max(largest, Math.abs(b == null ? a[i] : a[i] - b[i]));
        }
        if (largest == 0 || Double.isInfinite(largest)) {
            return largest;
        }
        double scale = scale(largest);
        double sum = 0;
        for (int i = from; i < to; i++) {
            double x = (b == null ? a[i] : a[i] - b[i]) / scale;
            sum += x * x;
        }
        return Math.sqrt(sum) * scale;
    }

    /** The norm from its largest |element| and its sum of squares in units of {@code scale}. */
    private static double norm(double largest, double sum, double scale) {
        return largest == 0 || Double.isInfinite(largest) ? largest : Math.sqrt(sum) * scale;
    }

    /**
     * The unit squares are summed in: 1, so that ordinary values are summed exactly as the seed's
     * np.linalg.norm sums them, or the largest |element| where squaring would overflow or underflow.
     */
    private static double scale(double largest) {
        return largest > 1e150 || largest < 1e-150 ? largest : 1;
    }
}
