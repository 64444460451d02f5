package io.github.gradcheck;

import io.github.gradcheck.internal.format.Shapes;
import java.util.Arrays;
import java.util.Objects;

/**
 * One named block of parameters ({@code W1}, {@code b1}, …) with its shape and its place in the
 * flat parameter vector θ.
 *
 * <p>Blocks exist so that every finding can be reported the way the user thinks of the model:
 * {@code W2[1,3]} rather than "index 23". Elements are laid out row-major (the last index varies
 * fastest), which is how {@code numpy.reshape} and the seed assignment's
 * {@code dictionary_to_vector} flatten a matrix. A block of rank 0 is a scalar and is labelled
 * by its name alone.
 */
public final class ParameterBlock {

    private final String name;
    private final int[] shape;
    private final int offset;
    private final int size;
    private final boolean input;

    ParameterBlock(String name, int[] shape, int offset, boolean input) {
        this.name = name;
        this.shape = shape.clone();
        this.offset = offset;
        this.size = sizeOf(name, this.shape);
        this.input = input;
    }

    /** The number of elements of a block of this shape, refusing empty or overflowing shapes. */
    static int sizeOf(String name, int[] shape) {
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 1) {
                throw new IllegalArgumentException("block '" + name + "' has shape " + Shapes.text(shape)
                        + ": every dimension must be at least 1, dimension " + i + " is " + shape[i]);
            }
            size *= shape[i];
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("block '" + name + "' has shape " + Shapes.text(shape)
                        + ", more elements than a Java array can hold");
            }
        }
        return (int) size;
    }

    /**
     * The name the user gave the block, e.g. {@code W1}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Whether the block is an input of the model or layer (data such as {@code X}, checked for
     * dJ/dX) rather than one of its parameters; reports mark input blocks as such.
     *
     * @return true for an input block
     */
    public boolean isInput() {
        return input;
    }

    /**
     * The block's dimensions; empty for a scalar. A fresh copy on every call.
     *
     * @return the dimensions
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * The number of dimensions: 0 for a scalar, 1 for a vector, 2 for a matrix.
     *
     * @return the rank
     */
    public int rank() {
        return shape.length;
    }

    /**
     * The number of elements.
     *
     * @return the product of the dimensions, 1 for a scalar
     */
    public int size() {
        return size;
    }

    /**
     * The flat index in θ of this block's first element.
     *
     * @return the offset
     */
    public int offset() {
        return offset;
    }

    /**
     * The shape as a person reads it: {@code 5×4}, {@code 3} for a vector, {@code scalar}.
     *
     * @return the shape in words
     */
    public String shapeText() {
        return Shapes.text(shape);
    }

    /**
     * True when the flat index {@code index} of θ falls in this block.
     *
     * @param index a flat index of θ
     * @return whether this block holds it
     */
    public boolean contains(int index) {
        return index >= offset && index - offset < size;
    }

    /**
     * The position (one index per dimension) of the {@code k}-th element of this block, counted
     * row-major from 0.
     *
     * @param k the element, from 0 to {@code size() - 1}
     * @return one index per dimension, a new array; empty for a scalar
     */
    public int[] position(int k) {
        Objects.checkIndex(k, size);
        return Shapes.position(shape, k);
    }

    /**
     * The label of the {@code k}-th element, e.g. {@code W2[1,3]}; a scalar's label is its name.
     *
     * @param k the element, from 0 to {@code size() - 1}
     * @return the label
     */
    public String label(int k) {
        Objects.checkIndex(k, size);
        return Shapes.label(name, shape, k);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParameterBlock that
                && name.equals(that.name)
                && offset == that.offset
                && input == that.input
                && Arrays.equals(shape, that.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, offset, input, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + " " + shapeText() + (input ? " (input)" : "");
    }
}
