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
     * The differences over the checked elements, the matches and the mismatches of one range, summed
     * in one pass over its elements instead of six per difference, so that a report takes them for θ
     * and for every block reading each per-element array once. Each norm is summed in index order
     * exactly as {@link #norm} sums it unscaled, so the values are the same bit for bit; where any
     * term lies outside 1e±150 (or is not finite), where {@link #norm} might scale, the differences
     * are taken again by {@link #of} (rare: only gradients beyond 1e±150 do it).
     */
    static final class Sums {

        private final double[] a;
        private final double[] b;
        private final ElementVerdict[] verdicts;
        private final int from;
        private final int to;
        /** Σa², Σb², Σ(a − b)² over the checked elements, the matches, the mismatches, in that order. */
        private final double[] squares = new double[9];
        /** Whether a term was outside 1e±150, or not finite: then the sums are not used. */
        private boolean outside;
        private int checked;

        /** Sums over {@code [from, to)}, empty until {@link #addTo}; θ's sums are filled by its blocks'. */
        Sums(double[] a, double[] b, ElementVerdict[] verdicts, int from, int to) {
            this.a = a;
            this.b = b;
            this.verdicts = verdicts;
            this.from = from;
            this.to = to;
        }

        /**
         * Sums the range's elements, in order, into these sums and into {@code whole}'s (θ's, which go on
         * from the blocks before, so that θ's sums are in index order too). The sums are kept in locals
         * while the elements are walked: in the sums' array, each addition would wait for the previous
         * one's store, about four times slower.
         */
        void addTo(Sums whole) {
            double[] own = squares;
            double[] all = whole.squares;
            double ga = own[0], gb = own[1], gd = own[2], ma = own[3], mb = own[4], md = own[5], xa = own[6], xb = own[7],
                    xd = own[8];
            double wga = all[0], wgb = all[1], wgd = all[2], wma = all[3], wmb = all[4], wmd = all[5], wxa = all[6],
                    wxb = all[7], wxd = all[8];
            boolean far = false;
            int count = 0;
            for (int i = from; i < to; i++) {
                ElementVerdict verdict = verdicts[i];
                if (verdict == ElementVerdict.NOT_CHECKED) {
                    continue;
                }
                count++;
                double x = a[i];
                double y = b[i];
                double d = x - y;
                far |= far(x) | far(y) | far(d);
                double x2 = x * x;
                double y2 = y * y;
                double d2 = d * d;
                ga += x2;
                gb += y2;
                gd += d2;
                wga += x2;
                wgb += y2;
                wgd += d2;
                if (verdict == ElementVerdict.MATCH) {
                    ma += x2;
                    mb += y2;
                    md += d2;
                    wma += x2;
                    wmb += y2;
                    wmd += d2;
                } else if (verdict == ElementVerdict.MISMATCH) {
                    xa += x2;
                    xb += y2;
                    xd += d2;
                    wxa += x2;
                    wxb += y2;
                    wxd += d2;
                }
            }
            store(own, ga, gb, gd, ma, mb, md, xa, xb, xd);
            store(all, wga, wgb, wgd, wma, wmb, wmd, wxa, wxb, wxd);
            outside |= far;
            whole.outside |= far;
            checked += count;
            whole.checked += count;
        }

        private static void store(double[] squares, double... values) {
            System.arraycopy(values, 0, squares, 0, values.length);
        }

        /** Whether {@link #norm} might scale a norm with this term (or it is not finite). */
        private static boolean far(double x) {
            double size = Math.abs(x);
            return !(size <= 1e150) | (size < 1e-150 & size != 0);
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
            if (outside) {
                return RelativeDifference.of(a, b, from, to, verdicts, only);
            }
            // Every term is 0 or within 1e±150, so that a norm is 0 exactly where its sum is, and never scaled.
            int at = only == null ? 0 : only == ElementVerdict.MATCH ? 3 : 6;
            double denominator = Math.sqrt(squares[at]) + Math.sqrt(squares[at + 1]);
            return denominator == 0 ? 0 : Math.sqrt(squares[at + 2]) / denominator;
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
