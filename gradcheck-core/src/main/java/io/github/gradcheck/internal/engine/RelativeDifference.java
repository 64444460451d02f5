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
        double denominator = norm(a, null, from, to, verdicts, only) + norm(b, null, from, to, verdicts, only);
        return denominator == 0 ? 0 : norm(a, b, from, to, verdicts, only) / denominator;
    }

    /** The Euclidean norm of {@code a} (of {@code a − b} if {@code b} is given) over {@code [from, to)}. */
    static double norm(double[] a, double[] b, int from, int to) {
        return norm(a, b, from, to, null, null);
    }

    /**
     * The differences over the checked elements, the matches and the mismatches of one range, added
     * up element by element, so that a report takes them for θ and for every block in one pass over
     * the elements instead of six per difference. Each norm is summed in index order exactly as
     * {@link #norm} sums it unscaled, so the values are the same bit for bit; a norm whose largest
     * term would need {@link #norm}'s scaling (beyond 1e±150) is taken again by {@link #of}.
     */
    static final class Sums {

        /** The groups of elements summed: every checked element, the matches, the mismatches. */
        private static final int CHECKED = 0;
        private static final int MATCHES = 1;
        private static final int MISMATCHES = 2;
        /** The three norms of each group, ‖a‖, ‖b‖ and ‖a − b‖, at 3·group + 0, 1, 2. */
        private static final int NORMS = 3;

        private final double[] a;
        private final double[] b;
        private final ElementVerdict[] verdicts;
        private final int from;
        private final int to;
        private final double[] largest = new double[3 * NORMS];
        private final double[] squares = new double[3 * NORMS];
        private int checked;

        /** Sums over {@code [from, to)}, to be given each of its indices in order ({@link #add}). */
        Sums(double[] a, double[] b, ElementVerdict[] verdicts, int from, int to) {
            this.a = a;
            this.b = b;
            this.verdicts = verdicts;
            this.from = from;
            this.to = to;
        }

        /** Adds element {@code i}, the one after the previous call's. */
        void add(int i) {
            ElementVerdict verdict = verdicts[i];
            if (verdict == ElementVerdict.NOT_CHECKED) {
                return;
            }
            checked++;
            double x = a[i];
            double y = b[i];
            double d = x - y;
            add(CHECKED, x, y, d);
            if (verdict == ElementVerdict.MATCH) {
                add(MATCHES, x, y, d);
            } else if (verdict == ElementVerdict.MISMATCH) {
                add(MISMATCHES, x, y, d);
            }
        }

        private void add(int group, double x, double y, double d) {
            int at = NORMS * group;
            largest[at] = Math.max(largest[at], Math.abs(x));
            largest[at + 1] = Math.max(largest[at + 1], Math.abs(y));
            largest[at + 2] = Math.max(largest[at + 2], Math.abs(d));
            squares[at] += x * x;
            squares[at + 1] += y * y;
            squares[at + 2] += d * d;
        }

        /** How many of the elements added were checked. */
        int checked() {
            return checked;
        }

        /** The difference over the elements of verdict {@code only} (MATCH or MISMATCH), or over every checked one where null. */
        double of(ElementVerdict only) {
            if (only != null && only != ElementVerdict.MATCH && only != ElementVerdict.MISMATCH) {
                throw new IllegalArgumentException("sums are kept for matches and mismatches, not " + only);
            }
            int at = NORMS * (only == null ? CHECKED : only == ElementVerdict.MATCH ? MATCHES : MISMATCHES);
            if (scaled(largest[at]) || scaled(largest[at + 1]) || scaled(largest[at + 2])) {
                return RelativeDifference.of(a, b, from, to, verdicts, only);
            }
            double denominator = norm(at) + norm(at + 1);
            return denominator == 0 ? 0 : norm(at + 2) / denominator;
        }

        private double norm(int at) {
            double large = largest[at];
            return large == 0 || Double.isInfinite(large) ? large : Math.sqrt(squares[at]);
        }
    }

    /**
     * Whether a norm whose largest term is {@code largest} is summed scaled by it: only where squaring
     * would overflow or underflow, so that ordinary values are summed exactly as the seed's
     * np.linalg.norm sums them.
     */
    private static boolean scaled(double largest) {
        return largest != 0 && !Double.isInfinite(largest) && (largest > 1e150 || largest < 1e-150);
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
        double scale = scaled(largest) ? largest : 1;
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
