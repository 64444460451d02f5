package io.github.gradcheck;

import io.github.gradcheck.internal.engine.ModelNames;

/**
 * One layer of a network, written by hand: a forward pass {@code y = f(x; W)} and the backward pass
 * under test, which takes the upstream gradient {@code dy = ∂J/∂y} and returns {@code dx = ∂J/∂x}
 * for every differentiable input and {@code dW = ∂J/∂W} for every parameter.
 *
 * <p>The check reduces the layer to a scalar, J = ⟨dy, f(x; W)⟩ for seeded random (or, for few
 * outputs, basis) vectors dy, and checks each element of each input and parameter as it checks a
 * model's parameters: in place, restored bit for bit. The inputs are named arrays handed to the
 * check as {@link LayerInputs}; the layer reads them from there on every call.
 *
 * <pre>{@code
 * class Dense implements DifferentiableLayer {
 *     double[][] W; double[] b;                           // y = W x + b
 *
 *     public ParameterArrays parameters() {
 *         return ParameterArrays.builder().add("W", W).add("b", b).build();
 *     }
 *     public double[] forward(LayerInputs inputs) {
 *         double[] x = inputs.vector("x");
 *         ...
 *     }
 *     public ParameterArrays backward(LayerInputs inputs, double[] dy) {
 *         ...                                             // dx = Wᵀdy, dW = dy xᵀ, db = dy
 *         return ParameterArrays.builder().add("x", dx).add("W", dW).add("b", db).build();
 *     }
 * }
 *
 * GradientCheckReport report = GradientChecker.defaults()
 *         .check(new Dense(...), LayerInputs.builder().add("x", x).build());
 * }</pre>
 *
 * <p>Besides the gradients, the check holds a backward pass to its contracts, each reported by
 * name when broken: {@code backward} is linear in {@code dy}; neither pass modifies the inputs,
 * {@code dy} or the parameters; {@code forward} is deterministic and returns as many outputs on
 * every call; the gradients have the inputs' and parameters' shapes.
 */
public interface DifferentiableLayer {

    /**
     * The layer's live parameter arrays, by block name, as a {@link DifferentiableModel} gives
     * them: written to during the check and restored afterwards.
     *
     * @return the live arrays; {@link ParameterArrays#none()} (the default) for a layer without
     *     parameters, such as an activation or a loss
     */
    default ParameterArrays parameters() {
        return ParameterArrays.none();
    }

    /**
     * The forward pass at the current inputs and parameters.
     *
     * @param inputs the inputs, read by name; not to be modified
     * @return y, flattened row-major; the same length on every call
     */
    double[] forward(LayerInputs inputs);

    /**
     * The backward pass under test: given the upstream gradient dy = ∂J/∂y, the gradient of J
     * with respect to every differentiable input and every parameter, each under its name.
     *
     * @param inputs the inputs, read by name; not to be modified
     * @param dy ∂J/∂y, as long as {@link #forward}'s result; not to be modified or kept
     * @return one array per differentiable input and per parameter, by name, e.g.
     *     {@code ParameterArrays.builder().add("x", dx).add("W", dW).build()}
     */
    ParameterArrays backward(LayerInputs inputs, double[] dy);

    /**
     * This layer at {@code inputs}, as one value: what {@link GradientChecker#check(LayerAtInputs)}
     * and a JUnit {@code @ModelUnderTest} take, as {@link DifferentiableFunction#at} gives a model.
     *
     * @param inputs the inputs to check the layer at, the live arrays
     * @return the pair; nothing is copied or called yet
     */
    default LayerAtInputs at(LayerInputs inputs) {
        return new LayerAtInputs(this, inputs);
    }

    /**
     * How reports name this layer; by default its class's simple name.
     *
     * @return the name
     */
    default String name() {
        return ModelNames.of(getClass(), "layer");
    }
}
