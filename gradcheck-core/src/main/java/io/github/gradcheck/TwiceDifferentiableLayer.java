package io.github.gradcheck;

/**
 * A layer whose backward pass has a backward pass of its own (PyTorch's "double backward", what
 * {@code gradgradcheck} checks): the gradient of ⟨v, backward(x, dy)⟩ with respect to every
 * differentiable input and parameter, for a fixed upstream gradient dy. It is H_dy·v, H_dy the
 * Hessian of the scalar ⟨dy, f(x; W)⟩ over the inputs and parameters together. Checked by
 * {@link GradientChecker#checkSecondOrder(TwiceDifferentiableLayer, LayerInputs)}: the layer's
 * backward pass first, then x ↦ backward(x, dy) for a seeded random dy as a layer of its own,
 * whose backward pass is {@link #doubleBackward}.
 */
public interface TwiceDifferentiableLayer extends DifferentiableLayer {

    /**
     * The backward pass of {@link #backward}: ∂⟨v, backward(inputs, dy)⟩/∂(inputs, parameters).
     *
     * @param inputs the inputs, read by name; not to be modified
     * @param dy the upstream gradient, fixed for the check; not to be modified or kept
     * @param v the vector, laid out as the differentiable inputs then the parameters; its
     *     accessors return copies
     * @return one array per differentiable input and per parameter, by name, as {@link #backward} returns
     */
    ParameterArrays doubleBackward(LayerInputs inputs, double[] dy, ParameterVector v);
}
