package io.github.gradcheck.layermutation;

/** How a layer's inputs are drawn: the ordinary case, and inputs placed exactly on its kinks. */
enum LayerVariant {

    /** Inputs and parameters of order 1, away from any kink. */
    STANDARD("standard"),
    /**
     * Kinked layers only: ReLU inputs exactly 0 and within 1e-9 of 0; max-pool windows whose
     * maximum is tied between two or four positions. The backward pass's choice there (ReLU' = 0 at
     * 0, the first maximum) is a valid one-sided derivative, and the check must not call it a bug.
     */
    EXACT_KINKS("exact-kinks");

    private final String label;

    LayerVariant(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
