package io.github.gradcheck;

import io.github.gradcheck.internal.engine.ModelNames;

/**
 * A model that keeps its parameters in its own arrays and computes its loss and gradient from
 * them: the shape of most hand-written networks.
 *
 * <p>The check takes the arrays from {@link #parameters()} once, then for each element writes
 * {@code θᵢ + ε} and {@code θᵢ − ε} into the array itself, calls {@link #loss()} for each, and
 * writes the original value back, bit for bit. {@link #gradient()} is called once, at the
 * unperturbed parameters. Whatever happens, an exception, a NaN, a failed check, every parameter
 * is as it was before.
 *
 * <pre>{@code
 * class TwoLayerNet implements DifferentiableModel {
 *     double[][] W1, b1, W2, b2;
 *
 *     public ParameterArrays parameters() {
 *         return ParameterArrays.builder().add("W1", W1).add("b1", b1).add("W2", W2).add("b2", b2).build();
 *     }
 *     public double loss() { return forward(x, y); }
 *     public ParameterArrays gradient() {
 *         Grads g = backward(x, y);            // backprop may compute loss and gradient in one pass
 *         return ParameterArrays.builder().add("W1", g.dW1).add("b1", g.db1).add("W2", g.dW2).add("b2", g.db2).build();
 *     }
 * }
 * }</pre>
 *
 * <p>A model whose loss is a pure function of a flat vector is easier to write as a
 * {@link DifferentiableFunction}.
 */
public interface DifferentiableModel {

    /**
     * The model's live parameter arrays, by block name. They are written to during the check and
     * restored afterwards, so they must be the arrays {@link #loss()} reads, not copies.
     *
     * @return the live arrays, by block name
     */
    ParameterArrays parameters();

    /**
     * The loss J at the current parameters; the check calls it 2N + 1 times for N parameters.
     *
     * @return J
     */
    double loss();

    /**
     * The analytic gradient dJ/dθ at the current parameters: the backpropagation under test.
     * Blocks are matched to {@link #parameters()} by name and must have the same number of
     * elements (a 5×1 gradient fits a 5-vector parameter).
     *
     * @return dJ/dθ, by block name
     */
    ParameterArrays gradient();

    /**
     * The number of examples the loss averages over, if the model knows it; 0 (the default) for
     * unknown. Lets a diagnosis say "a forgotten 1/m" when a block is off by exactly m.
     *
     * @return m, or 0
     */
    default int batchSize() {
        return 0;
    }

    /**
     * How reports name this model; by default its class's simple name.
     *
     * @return the name
     */
    default String name() {
        return ModelNames.of(getClass(), "model");
    }

    /**
     * This model under another name in reports, e.g. {@code net.named("net at epoch 3")}; the
     * parameters, loss and gradient stay this model's own.
     *
     * @param name the name reports use instead of {@link #name()}
     * @return this model under that name
     * @throws IllegalArgumentException if the name is blank
     */
    default DifferentiableModel named(String name) {
        return new NamedModel(this, name);
    }
}
