package io.github.gradcheck.internal.engine;

import io.github.gradcheck.report.ElementVerdict;

/**
 * The seed's measure of disagreement, ‖a − b‖₂ / (‖a‖₂ + ‖b‖₂), between 0 (equal) and 1
 * (opposite), over a range of the analytic gradient and a check's numeric results; and the norms it
 * is made of. Each norm is summed as np.linalg.norm sums it: squares in units of 1, or of the largest
 * |element| where squaring would overflow or underflow.
 */
final class RelativeDifference {

    /** How many walked elements {@link #of} gathers before it adds them: small next to any heap, large next to a loop's start. */
    private static final int CHUNK = 256;

    private RelativeDifference() {
    }

    /**
     * The difference between {@code gradient} and the numeric gradient of {@code elements} over the
     * checked elements of {@code [from, to)} whose verdict is {@code only} (every checked one where
     * null), as if the others were zero on both sides: the checked elements only are visited, in
     * index order. One pass takes the three norms' largest values and their sums of squares in units
     * of 1; a second, only where a largest value asks for another unit, sums again in it. Each sum
     * is what {@link #checkedNorm} sums alone.
     */
    static double of(double[] gradient, ElementResults elements, int from, int to, ElementVerdict only) {
        Norms norms = new Norms();
        double[] every = only == null ? elements.numericOfEvery() : null;
        if (every != null) {
            // Every element checked, the numeric derivatives in an array: the same sums in the same order, in loops over two arrays.
            norms.addAll(gradient, every, from, to);
            if (norms.prepareSecondPass()) {
                for (int i = from; i < to; i++) {
                    norms.addScaled(gradient[i], every[i]);
                }
            }
            return norms.difference();
        }
        // The elements walked are gathered a chunk at a time and added as the arrays are: the same sums in the same order.
        double[] a = new double[Math.min(CHUNK, Math.max(to - from, 0))];
        double[] b = new double[a.length];
        int gathered = 0;
        for (int i = elements.nextChecked(from); i < to; i = elements.nextChecked(i + 1)) {
            if (only == null || elements.verdict(i) == only) {
                a[gathered] = gradient[i];
                b[gathered] = elements.numeric(i);
                if (++gathered == a.length) {
                    norms.addAll(a, b, 0, gathered);
                    gathered = 0;
                }
            }
        }
        norms.addAll(a, b, 0, gathered);
        if (norms.prepareSecondPass()) {
            for (int i = elements.nextChecked(from); i < to; i = elements.nextChecked(i + 1)) {
                if (only == null || elements.verdict(i) == only) {
                    norms.addScaled(gradient[i], elements.numeric(i));
                }
            }
        }
        return norms.difference();
    }

    /**
     * The three norms of {@link #of}, a, b and a − b: their largest values and sums of squares in
     * units of 1 in one pass, and, where a largest value needs another unit ({@link #scale}), that
     * sum again in its unit in a second. A square in units of 1 is the square of the value itself
     * (x / 1 is x), so the first pass's sums are, bit for bit, what a second pass in units of 1 gives.
     */
    private static final class Norms {
        private double largestA;
        private double largestB;
        private double largestDifference;
        private double scaleA = 1;
        private double scaleB = 1;
        private double scaleDifference = 1;
        private double sumA;
        private double sumB;
        private double sumDifference;

        /**
         * Adds each pair {@code a[i], b[i]} of {@code [from, to)} to the largest values and the sums
         * in units of 1, in order, kept in locals through the loop (this object is not taken apart
         * by the JIT, so that adding into its fields stored six of them per element: twice the time
         * at 10⁶).
         */
        void addAll(double[] a, double[] b, int from, int to) {
            double largestA = this.largestA;
            double largestB = this.largestB;
            double largestDifference = this.largestDifference;
            double sumA = this.sumA;
            double sumB = this.sumB;
            double sumDifference = this.sumDifference;
            for (int i = from; i < to; i++) {
                double x = a[i];
                double y = b[i];
                double d = x - y;
                largestA = Math.max(largestA, Math.abs(x));
                largestB = Math.max(largestB, Math.abs(y));
                largestDifference = Math.max(largestDifference, Math.abs(d));
                sumA += x * x;
                sumB += y * y;
                sumDifference += d * d;
            }
            this.largestA = largestA;
            this.largestB = largestB;
            this.largestDifference = largestDifference;
            this.sumA = sumA;
            this.sumB = sumB;
            this.sumDifference = sumDifference;
        }

        /**
         * Takes each norm's unit from its largest value and tells whether a sum needs a second pass
         * in a unit other than 1, starting that sum again from 0; not where the norm is its largest
         * value, 0 or infinite, whatever the sum.
         */
        boolean prepareSecondPass() {
            scaleA = RelativeDifference.scale(largestA);
            scaleB = RelativeDifference.scale(largestB);
            scaleDifference = RelativeDifference.scale(largestDifference);
            boolean again = false;
            if (resummed(largestA, scaleA)) {
                sumA = 0;
                again = true;
            }
            if (resummed(largestB, scaleB)) {
                sumB = 0;
                again = true;
            }
            if (resummed(largestDifference, scaleDifference)) {
                sumDifference = 0;
                again = true;
            }
            return again;
        }

        private static boolean resummed(double largest, double scale) {
            return scale != 1 && largest != 0 && !Double.isInfinite(largest);
        }

        /** The second pass: the sums whose unit is not 1, in their units. */
        void addScaled(double a, double b) {
            if (resummed(largestA, scaleA)) {
                double x = a / scaleA;
                sumA += x * x;
            }
            if (resummed(largestB, scaleB)) {
                double y = b / scaleB;
                sumB += y * y;
            }
            if (resummed(largestDifference, scaleDifference)) {
                double z = (a - b) / scaleDifference;
                sumDifference += z * z;
            }
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
