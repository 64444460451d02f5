package io.github.gradcheck.internal.engine;

/**
 * Richardson's extrapolation of a centered difference from steps ε and 2ε, the one place the
 * second look's arithmetic lives. A centered difference D(ε) errs by c·ε² + O(ε⁴), so
 * D(2ε) − D(ε) ≈ 3c·ε²: a third of it estimates the truncation at ε, and removing that leaves
 * an O(ε⁴) value.
 */
final class Richardson {

    /** The second look's step over the first: 2, so that the truncation grows by 2² = 4. */
    static final double STEP_RATIO = 2;
    /** 2² − 1: how many times D(ε)'s truncation the difference D(2ε) − D(ε) is. */
    private static final double TRUNCATIONS_IN_DIFFERENCE = 3;
    /**
     * The extrapolated value's round-off in units of D(ε)'s: it is (4·D(ε) − D(2ε)) / 3, and
     * D(2ε)'s round-off is half D(ε)'s, so at most 4/3 + 1/6 = 1.5 times it.
     */
    private static final double EXTRAPOLATED_ROUND_OFF = 1.5;

    private Richardson() {
    }

    /** The truncation error of the centered difference at ε: |D(2ε) − D(ε)| / 3. */
    static double truncation(double atStep, double atDoubleStep) {
        return Math.abs(atDoubleStep - atStep) / TRUNCATIONS_IN_DIFFERENCE;
    }

    /** The extrapolated derivative D(ε) + (D(ε) − D(2ε)) / 3, free of the ε² term. */
    static double extrapolated(double atStep, double atDoubleStep) {
        return atStep + (atStep - atDoubleStep) / TRUNCATIONS_IN_DIFFERENCE;
    }

    /**
     * The estimated error of the extrapolated value: its round-off, from D(ε)'s {@code roundOff},
     * plus the truncation estimate (kept, not trusted to vanish, since the loss need not be smooth
     * enough for the ε⁴ term to be small).
     */
    static double error(double roundOff, double atStep, double atDoubleStep) {
        return EXTRAPOLATED_ROUND_OFF * roundOff + truncation(atStep, atDoubleStep);
    }
}
