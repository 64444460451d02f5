package io.github.gradcheck;

/**
 * A {@link DifferentiableFunction} that also computes Hessian-vector products, {@code hvp(θ, v)}
 * = ∂²J/∂θ²(θ)·v: the functional counterpart of {@link TwiceDifferentiableModel}, checked by
 * {@link GradientChecker#checkSecondOrder(TwiceDifferentiableFunction, double...)}.
 */
public interface TwiceDifferentiableFunction extends DifferentiableFunction {

    /**
     * H(θ)·v, the second-order code under test; must not modify its arguments.
     *
     * @param parameters θ, in {@link #layout()}'s order
     * @param v the vector, in the same order
     * @return H(θ)·v, in the same order
     */
    double[] hessianVectorProduct(double[] parameters, double[] v);

    /**
     * This function at the point {@code parameters}, as a model whose parameters are a copy of the
     * point; its Hessian-vector product is this function's at that copy.
     *
     * @param parameters θ, copied
     * @return the model
     * @throws IllegalArgumentException if the point's length does not match the layout
     */
    @Override
    default TwiceDifferentiableModel at(double... parameters) {
        return new TwiceFunctionAtPoint(this, parameters);
    }
}
