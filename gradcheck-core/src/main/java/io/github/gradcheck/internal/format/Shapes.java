package io.github.gradcheck.internal.format;

import java.util.List;

/**
 * How a block's shape and its elements are written: {@code 5×4} for a shape, {@code W2[1,3]} for
 * an element, one index per dimension, counted row-major from 0; a scalar's shape reads
 * {@code scalar} and its element's label is the block's name. Parameter blocks, report blocks,
 * heatmaps, diagnoses and diff texts all write them through here.
 */
public final class Shapes {

    private Shapes() {
    }

    /**
     * The shape as a person reads it.
     *
     * @param shape the extent of each dimension; empty for a scalar
     * @return e.g. {@code 5×4}, {@code 3}, {@code scalar}
     */
    public static String text(int[] shape) {
        if (shape.length == 0) {
            return "scalar";
        }
        StringBuilder text = new StringBuilder();
        for (int d = 0; d < shape.length; d++) {
            text.append(d == 0 ? "" : "×").append(shape[d]);
        }
        return text.toString();
    }

    /**
     * The shape as a person reads it.
     *
     * @param shape the extent of each dimension; empty for a scalar
     * @return e.g. {@code 5×4}, {@code 3}, {@code scalar}
     */
    public static String text(List<Integer> shape) {
        return text(array(shape));
    }

    /**
     * The position of the {@code k}-th element, row-major.
     *
     * @param shape the extent of each dimension
     * @param k the element, from 0 to the product of the extents minus 1
     * @return one index per dimension, a new array; empty for a scalar
     */
    public static int[] position(int[] shape, int k) {
        int[] position = new int[shape.length];
        int rest = k;
        for (int d = shape.length - 1; d >= 0; d--) {
            position[d] = rest % shape[d];
            rest /= shape[d];
        }
        return position;
    }

    /**
     * The label of the {@code k}-th element of block {@code name}.
     *
     * @param name the block's name
     * @param shape the block's shape
     * @param k the element, row-major
     * @return e.g. {@code W2[1,3]}, or {@code name} for a scalar
     */
    public static String label(String name, int[] shape, int k) {
        return label(name, position(shape, k));
    }

    /**
     * The label of the element at {@code position} of block {@code name}.
     *
     * @param name the block's name
     * @param position one index per dimension, as {@link #position} gives it
     * @return e.g. {@code W2[1,3]}, or {@code name} for a scalar
     */
    public static String label(String name, int[] position) {
        if (position.length == 0) {
            return name;
        }
        StringBuilder label = new StringBuilder(name).append('[');
        for (int d = 0; d < position.length; d++) {
            label.append(d == 0 ? "" : ",").append(position[d]);
        }
        return label.append(']').toString();
    }

    /**
     * The label of the {@code k}-th element of block {@code name}.
     *
     * @param name the block's name
     * @param shape the block's shape
     * @param k the element, row-major
     * @return e.g. {@code W2[1,3]}, or {@code name} for a scalar
     */
    public static String label(String name, List<Integer> shape, int k) {
        return label(name, array(shape), k);
    }

    private static int[] array(List<Integer> shape) {
        int[] array = new int[shape.size()];
        for (int d = 0; d < array.length; d++) {
            array[d] = shape.get(d);
        }
        return array;
    }
}
