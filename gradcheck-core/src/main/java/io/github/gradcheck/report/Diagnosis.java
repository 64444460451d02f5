package io.github.gradcheck.report;

import java.util.Objects;

/**
 * What kind of wrong one block's gradient is, when a simple pattern explains it: the course's
 * "look at the components", turned into words a person acts on.
 *
 * @param kind the pattern
 * @param description the finding in words, e.g. {@code analytic b1 ≈ 4.00 × numeric}
 * @param parameter the fitted number: the factor, λ, or the shift; NaN where there is none
 * @param fitResidual how well the pattern explains the block: ‖analytic − fitted‖ / ‖analytic‖
 *     (0 is exact); NaN where no fit was made. A pattern is only claimed when this is small
 *     (see {@link #GOOD_FIT})
 */
public record Diagnosis(Kind kind, String description, double parameter, double fitResidual) {

    /** The largest fit residual for which a pattern is claimed: it explains 99% of the block. */
    public static final double GOOD_FIT = 1e-2;

    /**
     * A diagnosis; the engine makes these, the constructor is public for tools and tests.
     *
     * @param kind the pattern
     * @param description the finding in words
     * @param parameter the fitted number, or NaN
     * @param fitResidual how well the pattern explains the block, or NaN
     */
    public Diagnosis {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }

    /** The patterns, tried in this order. */
    public enum Kind {
        /** The block matches: nothing to diagnose. */
        NONE,
        /** The analytic gradient is all zeros where the numeric one is not: it never reaches the block. */
        ZERO,
        /** analytic ≈ −1 × numeric. */
        SIGN_FLIPPED,
        /** analytic ≈ c × numeric for a constant c (a forgotten or extra 1/m, a doubled term). */
        SCALED,
        /** A square block whose analytic gradient is the numeric one transposed. */
        TRANSPOSED,
        /** analytic[k] ≈ numeric[k ± 1]: an off-by-one index. */
        SHIFTED,
        /** analytic − numeric ≈ λ·θ: an L2 term missing from, or extra in, the gradient. */
        REGULARIZATION,
        /** A few elements are wrong while the rest match. */
        FEW_ELEMENTS,
        /** No simple pattern explains the block. */
        UNEXPLAINED,
        /** Only some of the block's elements were checked (sampled or random-direction mode). */
        NOT_DIAGNOSED
    }

    /**
     * The diagnosis of a block that matches: one value for "nothing to say", so that a summary
     * never has to test for null.
     *
     * @return the diagnosis of kind {@link Kind#NONE}
     */
    public static Diagnosis none() {
        return new Diagnosis(Kind.NONE, "matches", Double.NaN, Double.NaN);
    }
}
