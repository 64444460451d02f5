package io.github.gradcheck;

/**
 * A model that also computes Hessian-vector products H·v, H = ∂²J/∂θ², as Newton-type methods,
 * influence functions and curvature estimates need; checked by
 * {@link GradientChecker#checkSecondOrder(TwiceDifferentiableModel)}.
 *
 * <p>The check treats the gradient as a vector-valued function of θ, whose vector-Jacobian
 * product with v is H·v (H is symmetric), and checks {@link #hessianVectorProduct} as a layer
 * check checks a backward pass: each element of θ moved by ±ε, the whole gradient kept from each
 * move (a column of H), against H·v for seeded random v, or for basis vectors v (H whole) when θ
 * is small. The gradient is checked first: a wrong gradient makes the comparison meaningless.
 *
 * <pre>{@code
 * public ParameterArrays hessianVectorProduct(ParameterVector v) {
 *     double[] vw = v.vector("w");
 *     double vb = v.scalar("b");
 *     ...                                  // Hv = Xᵀ S (X vw + vb) / m + λ vw, S = diag(σ(1 − σ))
 *     return ParameterArrays.builder().add("w", hw).add("b", new double[] {hb}).build();
 * }
 * }</pre>
 */
public interface TwiceDifferentiableModel extends DifferentiableModel {

    /**
     * H·v at the current parameters, H the Hessian of {@link #loss()}: the second-order code under
     * test. Blocks are matched to {@link #parameters()} by name, as the gradient's are.
     *
     * @param v the vector, laid out as the parameters; its accessors return copies
     * @return H·v, by block name
     */
    ParameterArrays hessianVectorProduct(ParameterVector v);
}
