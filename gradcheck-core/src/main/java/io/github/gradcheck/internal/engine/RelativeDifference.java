package io.github.gradcheck.internal.engine;

import io.github.gradcheck.report.ElementVerdict;

/**
 * The seed's measure of disagreement, ‖a − b‖₂ / (‖a‖₂ + ‖b‖₂), between 0 (equal) and 1
 * (opposite), over a range of two vectors.
 */
final class RelativeDifference {

    private RelativeDifference() {
    }

    /** The difference over {@code [from, to)}; 0 when both ranges are all zeros. */
    static double of(double[] a, double[] b, int from, int to) {
        return of(a, b, from, to, null, null);
    }

    /**
     * The difference over the elements of {@code [from, to)} whose verdict is {@code only} (every
     * element checked where {@code only} is null; all of them where {@code verdicts} is null), as if
     * the others were zero on both sides, without copying them out.
     */
    static double of(double[] a, double[] b, int from, int to, ElementVerdict[] verdicts, ElementVerdict only) {
        // The three norms in two passes over the range (their largest values, then their sums), each
        // summed as norm sums it alone, rather than in six.
        double largestA = 0;
        double largestB = 0;
        double largestDifference = 0;
        for (int i = from; i < to; i++) {
            if (counts(verdicts, only, i)) {
                largestA = Math.max(largestA, Math.abs(a[i]));
                largestB = Math.max(largestB, Math.abs(b[i]));
                largestDifference = Math.max(largestDifference, Math.abs(a[i] - b[i]));
            }
        }
        double scaleA = scale(largestA);
        double scaleB = scale(largestB);
        double scaleDifference = scale(largestDifference);
        double sumA = 0;
        double sumB = 0;
        double sumDifference = 0;
        for (int i = from; i < to; i++) {
            if (counts(verdicts, only, i)) {
                double x = a[i] / scaleA;
                double y = b[i] / scaleB;
                double z = (a[i] - b[i]) / scaleDifference;
                sumA += x * x;
                sumB += y * y;
                sumDifference += z * z;
            }
        }
        double denominator = norm(largestA, sumA, scaleA) + norm(largestB, sumB, scaleB);
        return denominator == 0 ? 0 : norm(largestDifference, sumDifference, scaleDifference) / denominator;
    }

    /** The norm from its largest |element| and its sum of squares in units of {@code scale}, as {@link #norm} gives it. */
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

    /**
     * The difference between {@code gradient} and the numeric gradient of {@code elements} over the
     * checked elements of {@code [from, to)} whose verdict is {@code only} (every checked one where
     * null), visiting the checked elements only, in index order: the same sums as
     * {@link #of(double[], double[], int, int, ElementVerdict[], ElementVerdict)} over arrays.
     */
    static double of(double[] gradient, ElementResults elements, int from, int to, ElementVerdict only) {
        double denominator = norm(gradient, elements, false, from, to, only) + norm(null, elements, true, from, to, only);
        return denominator == 0 ? 0 : norm(gradient, elements, true, from, to, only) / denominator;
    }

    /**
     * The Euclidean norm over the checked elements of {@code [from, to)} of the numeric gradient
     * (gradient null) or of gradient − numeric.
     */
    static double checkedNorm(double[] gradient, ElementResults elements, int from, int to) {
        return norm(gradient, elements, true, from, to, null);
    }

    /** The norm of the gradient (where {@code numeric} is false), of the numeric gradient (gradient null) or of their difference. */
    private static double norm(double[] gradient, ElementResults elements, boolean numeric, int from, int to, ElementVerdict only) {
        double largest = 0;
        for (int i = elements.nextChecked(from); i < to; i = elements.nextChecked(i + 1)) {
            if (only == null || elements.verdict(i) == only) {
                largest = Math.max(largest, Math.abs(term(gradient, elements, numeric, i)));
            }
        }
        if (largest == 0 || Double.isInfinite(largest)) {
            return largest;
        }
        double scale = largest > 1e150 || largest < 1e-150 ? largest : 1;
        double sum = 0;
        for (int i = elements.nextChecked(from); i < to; i = elements.nextChecked(i + 1)) {
            if (only == null || elements.verdict(i) == only) {
                double x = term(gradient, elements, numeric, i) / scale;
                sum += x * x;
            }
        }
        return Math.sqrt(sum) * scale;
    }

    private static double term(double[] gradient, ElementResults elements, boolean numeric, int i) {
        return gradient == null ? elements.numeric(i) : numeric ? gradient[i] - elements.numeric(i) : gradient[i];
    }

    /** The Euclidean norm of {@code a} (of {@code a − b} if {@code b} is given) over {@code [from, to)}. */
    static double norm(double[] a, double[] b, int from, int to) {
        return norm(a, b, from, to, null, null);
    }

    /** Whether element i enters the difference: see {@link #of(double[], double[], int, int, ElementVerdict[], ElementVerdict)}. */
    private static boolean counts(ElementVerdict[] verdicts, ElementVerdict only, int i) {
        return verdicts == null || (only == null ? verdicts[i] != ElementVerdict.NOT_CHECKED : verdicts[i] == only);
    }

    private static double norm(double[] a, double[] b, int from, int to, ElementVerdict[] verdicts, ElementVerdict only) {
        double largest = 0;
        for (int i = from; i < to; i++) {
            if (counts(verdicts, only, i)) {
                largest = Math.max(largest, Math.abs(b == null ? a[i] : a[i] - b[i]));
            }
        }
        if (largest == 0 || Double.isInfinite(largest)) {
            return largest;
        }
        double scale = scale(largest);
        double sum = 0;
        for (int i = from; i < to; i++) {
            if (counts(verdicts, only, i)) {
                double x = (b == null ? a[i] : a[i] - b[i]) / scale;
                sum += x * x;
            }
        }
        return Math.sqrt(sum) * scale;
    }
}
