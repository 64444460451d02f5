package io.github.gradcheck;

import java.util.Objects;

/**
 * A vector over θ shaped as the blocks it is laid out in: the v of a Hessian-vector product H·v,
 * read by block name as the parameters are named. Every accessor returns a fresh copy, so a
 * user's code may work in place on what it reads without changing the vector the check holds.
 *
 * <pre>{@code
 * public ParameterArrays hessianVectorProduct(ParameterVector v) {
 *     double[] vw = v.vector("w");       // the w-part of v, as long as w
 *     double vb = v.scalar("b");         // a 1-element block
 *     ...
 * }
 * }</pre>
 */
public final class ParameterVector {

    private final ParameterLayout layout;
    private final double[] values;

    private ParameterVector(ParameterLayout layout, double[] values) {
        this.layout = layout;
        this.values = values;
    }

    /**
     * The vector with {@code values} in {@code layout}'s order, copied.
     *
     * @param layout the blocks
     * @param values one value per element of θ, in the layout's (flat, row-major) order
     * @return the vector
     * @throws IllegalArgumentException if the lengths differ
     */
    public static ParameterVector of(ParameterLayout layout, double[] values) {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(values, "values");
        if (values.length != layout.size()) {
            throw new IllegalArgumentException("a vector over blocks " + layout.names() + " needs " + layout.size()
                    + " values, got " + values.length);
        }
        return new ParameterVector(layout, values.clone());
    }

    /**
     * The blocks this vector is laid out in: the parameters' (and a layer's differentiable inputs').
     *
     * @return the layout
     */
    public ParameterLayout layout() {
        return layout;
    }

    /**
     * One block's part of the vector, of any rank, flat and row-major.
     *
     * @param name the block's name, as in {@code parameters()}
     * @return a new array of the block's size
     * @throws IllegalArgumentException if there is no block of that name
     */
    public double[] vector(String name) {
        return layout.values(values, name);
    }

    /**
     * One rank-2 block's part of the vector, as rows.
     *
     * @param name the block's name
     * @return a new rows×cols array
     * @throws IllegalArgumentException if there is no block of that name or it is not of rank 2
     */
    public double[][] matrix(String name) {
        return layout.matrix(values, name);
    }

    /**
     * One 1-element block's part of the vector, such as a bias {@code b}.
     *
     * @param name the block's name
     * @return the value
     * @throws IllegalArgumentException if there is no block of that name or it has more than one element
     */
    public double scalar(String name) {
        ParameterBlock block = layout.block(name);
        if (block.size() != 1) {
            throw new IllegalArgumentException("block '" + name + "' has shape " + block.shapeText()
                    + "; scalar(...) takes 1-element blocks only, use vector(...)");
        }
        return values[block.offset()];
    }

    /**
     * The whole vector in θ's order.
     *
     * @return a new array
     */
    public double[] toVector() {
        return values.clone();
    }

    @Override
    public String toString() {
        return "ParameterVector" + layout.names();
    }
}
