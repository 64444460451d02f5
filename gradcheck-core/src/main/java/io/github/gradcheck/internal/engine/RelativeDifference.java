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
        double[] every = only == null ? elements.numericOfEvery() : null;
        if (every != null) {
            return of(gradient, every, from, to);
        }
        double largestA = 0;
        double largestB = 0;
        double largestDifference = 0;
        for (int i = elements.nextChecked(from); i < to; i = elements.nextChecked(i + 1)) {
            if (only == null || elements.verdict(i) == only) {
                double n = elements.numeric(i);
                largestA = Math.max(largestA, Math.abs(gradient[i]));
                largestB = Math.max(largestB, Math.abs(n));
                largestDifference = Math.max(largestDifference, Math.abs(gradient[i] - n));
            }
        }
        double scaleA = scale(largestA);
        double scaleB = scale(largestB);
        double scaleDifference = scale(largestDifference);
        double sumA = 0;
        double sumB = 0;
        double sumDifference = 0;
        for (int i = elements.nextChecked(from); i < to; i = elements.nextChecked(i + 1)) {
            if (only == null || elements.verdict(i) == only) {
                double n = elements.numeric(i);
                double x = gradient[i] / scaleA;
                double y = n / scaleB;
                double z = (gradient[i] - n) / scaleDifference;
                sumA += x * x;
                sumB += y * y;
                sumDifference += z * z;
            }
        }
        double denominator = norm(largestA, sumA, scaleA) + norm(largestB, sumB, scaleB);
        return denominator == 0 ? 0 : norm(largestDifference, sumDifference, scaleDifference) / denominator;
    }

    /**
     * {@link #of(double[], ElementResults, int, int, ElementVerdict)} where every element was checked
     * and the numeric derivatives are in an array: the same sums in the same order, bit for bit, in
     * loops over two arrays.
     */
    private static double of(double[] gradient, double[] numeric, int from, int to) {
        double largestA = 0;
        double largestB = 0;
        double largestDifference = 0;
        for (int i = from; i < to; i++) {
            largestA = Math.max(largestA, Math.abs(gradient[i]));
            largestB = Math.max(largestB, Math.abs(numeric[i]));
            largestDifference = Math.max(largestDifference, Math.abs(gradient[i] - numeric[i]));
        }
        double scaleA = scale(largestA);
        double scaleB = scale(largestB);
        double scaleDifference = scale(largestDifference);
        double sumA = 0;
        double sumB = 0;
        double sumDifference = 0;
        for (int i = from; i < to; i++) {
            double x = gradient[i] / scaleA;
            double y = numeric[i] / scaleB;
            double z = (gradient[i] - numeric[i]) / scaleDifference;
            sumA += x * x;
            sumB += y * y;
            sumDifference += z * z;
        }
        double denominator = norm(largestA, sumA, scaleA) + norm(largestB, sumB, scaleB);
        return denominator == 0 ? 0 : norm(largestDifference, sumDifference, scaleDifference) / denominator;
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
