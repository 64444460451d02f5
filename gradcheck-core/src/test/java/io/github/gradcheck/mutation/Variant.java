package io.github.gradcheck.mutation;

/**
 * How a model's data and parameters are drawn from its seed: the ordinary case, and the
 * "correct but numerically hard" cases the verdict's false alarms are counted on.
 */
enum Variant {

    /** Loss averaged over the batch, parameters of order 1/√fan-in, data of order 1. */
    STANDARD("standard", false, 1.0),
    /**
     * Loss summed over the batch at the standard scale. Not a hard case: it only lets the
     * verification run through the summed code path that {@link #LARGE_SUMMED_LOSS} uses.
     */
    SUMMED("summed", true, 1.0),
    /** Loss summed over the batch, with the inputs or targets scaled so that it is about 1e6. */
    LARGE_SUMMED_LOSS("large-summed-loss", true, 1.0),
    /** Every parameter scaled by 1e-6 at initialisation. */
    TINY_PARAMETERS("tiny-parameters", false, 1e-6),
    /**
     * ReLU networks only: biases set so that some pre-activations are exactly 0 or within 1e-8 of
     * 0 for one example each, i.e. within the course's ε = 1e-7 of the kink.
     */
    RELU_KINK("relu-kink", false, 1.0);

    /** The summed loss the {@link #LARGE_SUMMED_LOSS} variant is scaled to. */
    static final double LARGE_LOSS = 1e6;

    private final String label;
    private final boolean summed;
    private final double parameterScale;

    Variant(String label, boolean summed, double parameterScale) {
        this.label = label;
        this.summed = summed;
        this.parameterScale = parameterScale;
    }

    /** Whether the loss (and so the gradient) is a sum over the batch rather than a mean. */
    boolean summed() {
        return summed;
    }

    /** The factor the loss sum is multiplied by: 1 when summed, 1/m when averaged. */
    double reduction(int batchSize) {
        return summed ? 1.0 : 1.0 / batchSize;
    }

    /** The factor every initial parameter is multiplied by. */
    double parameterScale() {
        return parameterScale;
    }

    boolean largeLoss() {
        return this == LARGE_SUMMED_LOSS;
    }

    boolean reluKink() {
        return this == RELU_KINK;
    }

    @Override
    public String toString() {
        return label;
    }
}
