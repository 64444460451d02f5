package io.github.gradcheck.mutation;

/**
 * What a diagnosing verdict should say about a mutant, comparing the analytic gradient g with the
 * numeric one n on the mutated block(s). The names are the strings the diagnosis API is expected
 * to use; {@link #NONE_EXPECTED} is what {@code report.Diagnosis.Kind.UNEXPLAINED} calls a block
 * no simple pattern explains. {@link #SHIFTED} is cyclic and may be by more than one flat
 * position (a whole row of an embedding table).
 */
enum Diagnosis {
    /** g = k·n on the block; the factor k is recorded. */
    SCALED,
    /** g = −n on the block. */
    SIGN_FLIPPED,
    /** g is all zeros on a block whose n is not. */
    ZERO,
    /** g = nᵀ on a square block. */
    TRANSPOSED,
    /** g is n shifted by a few flat positions within the block (cyclically); the shift is recorded. */
    SHIFTED,
    /** g − n = c·θ on the block: a missing (c &lt; 0) or extra (c &gt; 0) L2 term; c is recorded. */
    REGULARIZATION,
    /** g = n except at one or a few elements. */
    FEW_ELEMENTS,
    /** No simple pattern: a wrong derivative formula. */
    NONE_EXPECTED
}
