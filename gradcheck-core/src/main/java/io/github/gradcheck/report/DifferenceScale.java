package io.github.gradcheck.report;

/**
 * The course's reading of a difference ‖grad − gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂) at
 * ε = 1e-7: "≈ 1e-7 great, ≈ 1e-5 look closer, ≳ 1e-3 worry". The band edges lie halfway
 * between those marks on a log scale (1e-6), and at the "worry" mark (1e-3).
 *
 * <p>These are words for people, not the verdict: whether a check passes is decided by the
 * threshold alone.
 */
public enum DifferenceScale {

    /** Below 1e-6: round-off level; the gradient is almost certainly right. */
    GREAT("great"),
    /** From 1e-6 to below 1e-3: a small error or a lot of numerical noise; look closer. */
    LOOK_CLOSER("look closer"),
    /** 1e-3 and above: almost surely a bug. */
    ALMOST_SURELY_A_BUG("almost surely a bug");

    /** The course's scale in one line, for messages. */
    public static final String LEGEND = "course scale: ≲ 1e-7 great · ~1e-5 look closer · ≳ 1e-3 almost surely a bug";

    private final String words;

    DifferenceScale(String words) {
        this.words = words;
    }

    /**
     * The band of {@code difference}; NaN reads as a bug, for a difference that cannot be computed
     * is no reason for comfort.
     *
     * @param difference a difference in the course's sense
     * @return its band
     */
    public static DifferenceScale of(double difference) {
        if (difference < 1e-6) {
            return GREAT;
        }
        if (difference < 1e-3) {
            return LOOK_CLOSER;
        }
        return ALMOST_SURELY_A_BUG;
    }

    /**
     * The band in words, as the course says them.
     *
     * @return e.g. {@code "almost surely a bug"}
     */
    public String words() {
        return words;
    }
}
