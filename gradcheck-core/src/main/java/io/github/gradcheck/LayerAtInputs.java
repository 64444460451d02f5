package io.github.gradcheck;

import java.util.Objects;

/**
 * A {@link DifferentiableLayer} together with the {@link LayerInputs} to check it at: what a
 * layer is to a test, as a {@link DifferentiableModel} is for a whole model. Made by
 * {@link DifferentiableLayer#at(LayerInputs)}; checked by {@link GradientChecker#check(LayerAtInputs)},
 * or by the JUnit extension as a {@code @ModelUnderTest}.
 *
 * <pre>{@code
 * @ModelUnderTest
 * LayerAtInputs dense = new Dense(3, 4).at(LayerInputs.builder().add("x", x).build());
 * }</pre>
 *
 * <p>It holds the layer and the inputs as they are, not copies: a check perturbs the live arrays
 * and restores them bit for bit, as it does for a layer and inputs given separately.
 */
public final class LayerAtInputs {

    private final DifferentiableLayer layer;
    private final LayerInputs inputs;

    LayerAtInputs(DifferentiableLayer layer, LayerInputs inputs) {
        this.layer = Objects.requireNonNull(layer, "layer");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
    }

    /**
     * The layer.
     *
     * @return the layer, not a copy
     */
    public DifferentiableLayer layer() {
        return layer;
    }

    /**
     * The inputs to check it at.
     *
     * @return the inputs, the live arrays
     */
    public LayerInputs inputs() {
        return inputs;
    }

    /** The layer's name and its inputs, e.g. {@code Dense at LayerInputs[x 4]}. */
    @Override
    public String toString() {
        return layer.name() + " at " + inputs;
    }
}
