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
    EXACT_KINKS("exact-kinks"),
    /**
     * Smooth layers only, inputs that are numerically hard: a convolution's image of order 1e3 with
     * a bias of 1e3 (outputs that cancel), a batch norm with one column spread over 1e-3 (σ² below
     * ε) and one offset by 1e3, logits of order 30 (a saturated softmax), attention scores of order
     * 20 (nearly one-hot weights), a dense layer with X of order 1e3 and W of order 1e-3.
     */
    HARD_INPUTS("hard-inputs");

    private final String label;

    LayerVariant(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
