package io.github.gradcheck;

import io.github.gradcheck.internal.format.Shapes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named inputs a {@link DifferentiableLayer} is checked at: differentiable ones ({@code x},
 * attention's {@code Q}, {@code K}, {@code V}, a loss layer's {@code logits}), whose gradients the
 * backward pass returns and the check verifies element by element, and constant ones (a loss
 * layer's {@code targets}, a mask), which the layer reads but does not differentiate.
 *
 * <p>The arrays are the caller's own, not copies: the check perturbs differentiable inputs in
 * place and restores them bit for bit, and verifies that no call changed a constant one.
 *
 * <pre>{@code
 * LayerInputs inputs = LayerInputs.builder()
 *         .add("logits", logits)            // double[][]: checked for dJ/dlogits
 *         .constant("targets", labels)      // int[]: read, not differentiated
 *         .build();
 * double[][] z = inputs.matrix("logits");   // in the layer: the same array
 * int[] t = inputs.constant("targets", int[].class);
 * }</pre>
 */
public final class LayerInputs {

    private final ParameterArrays differentiable;
    private final Map<String, Object> arrays;
    private final Map<String, Object> constants;

    private LayerInputs(ParameterArrays differentiable, Map<String, Object> arrays, Map<String, Object> constants) {
        this.differentiable = differentiable;
        this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        this.constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
    }

    /**
     * Starts a set of inputs; differentiable inputs are laid out in the order they are added.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The differentiable inputs as input blocks, the live arrays: what the check perturbs.
     *
     * @return the arrays; {@link ParameterArrays#none()} if every input is constant
     */
    public ParameterArrays differentiable() {
        return differentiable;
    }

    /**
     * The constant inputs by name, the live objects.
     *
     * @return the constants, in the order they were added
     */
    public Map<String, Object> constants() {
        return constants;
    }

    /**
     * The names of every input, differentiable ones first.
     *
     * @return the names
     */
    public List<String> names() {
        List<String> names = new ArrayList<>(arrays.keySet());
        names.addAll(constants.keySet());
        return List.copyOf(names);
    }

    /**
     * A differentiable input added as a {@code double[]} (a vector, or a flat array with a shape).
     *
     * @param name the input's name
     * @return the caller's array
     * @throws IllegalArgumentException naming the input, if there is none of that name or it is not a {@code double[]}
     */
    public double[] vector(String name) {
        return typed(name, double[].class);
    }

    /**
     * A differentiable input added as a {@code double[][]}.
     *
     * @param name the input's name
     * @return the caller's array
     * @throws IllegalArgumentException naming the input, if there is none of that name or it is not a {@code double[][]}
     */
    public double[][] matrix(String name) {
        return typed(name, double[][].class);
    }

    /**
     * A differentiable input added as a {@code float[]}.
     *
     * @param name the input's name
     * @return the caller's array
     * @throws IllegalArgumentException naming the input, if there is none of that name or it is not a {@code float[]}
     */
    public float[] floats(String name) {
        return typed(name, float[].class);
    }

    /**
     * A differentiable input added as a {@code float[][]}.
     *
     * @param name the input's name
     * @return the caller's array
     * @throws IllegalArgumentException naming the input, if there is none of that name or it is not a {@code float[][]}
     */
    public float[][] floatMatrix(String name) {
        return typed(name, float[][].class);
    }

    /**
     * The shape of a differentiable input, as its block has it.
     *
     * @param name the input's name
     * @return the dimensions, a fresh array
     * @throws IllegalArgumentException if there is no differentiable input of that name
     */
    public int[] shape(String name) {
        typed(name, Object.class);
        return differentiable.layout().block(name).shape();
    }

    /**
     * A constant input.
     *
     * @param <T> its type
     * @param name the input's name
     * @param type its type, e.g. {@code int[].class}
     * @return the caller's object
     * @throws IllegalArgumentException naming the input, if there is no constant of that name or it is of another type
     */
    public <T> T constant(String name, Class<T> type) {
        Object value = constants.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no constant input '" + name + "'" + (arrays.containsKey(name)
                    ? "; '" + name + "' is a differentiable input: read it with vector(…) or matrix(…)" : "")
                    + "; the constant inputs are " + constants.keySet());
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("constant input '" + name + "' is a " + value.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    private <T> T typed(String name, Class<T> type) {
        Object value = arrays.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no differentiable input '" + name + "'" + (constants.containsKey(name)
                    ? "; '" + name + "' is a constant input: read it with constant(\"" + name + "\", type)" : "")
                    + "; the differentiable inputs are " + arrays.keySet());
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("input '" + name + "' is a " + value.getClass().getSimpleName() + " of shape "
                    + Shapes.text(differentiable.layout().block(name).shape()) + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("LayerInputs[");
        String separator = "";
        for (ParameterBlock block : differentiable.layout().blocks()) {
            text.append(separator).append(block.name()).append(' ').append(block.shapeText());
            separator = ", ";
        }
        for (String name : constants.keySet()) {
            text.append(separator).append(name).append(" (constant)");
            separator = ", ";
        }
        return text.append(']').toString();
    }

    /** Adds inputs in order. Not thread-safe. */
    public static final class Builder {

        private final ParameterArrays.Builder differentiable = ParameterArrays.builder();
        private final Map<String, Object> arrays = new LinkedHashMap<>();
        private final Map<String, Object> constants = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a differentiable rows×cols input.
         *
         * @param name the input's name, unique among the inputs and the layer's parameters
         * @param matrix the live array, not copied; rectangular
         * @return this builder
         * @throws IllegalArgumentException naming the input, if the array is null, empty or ragged, or the name is blank or taken
         */
        public Builder add(String name, double[][] matrix) {
            requireFree(name);
            differentiable.input(name, matrix);
            arrays.put(name, matrix);
            return this;
        }

        /**
         * Adds a differentiable vector input.
         *
         * @param name the input's name, unique among the inputs and the layer's parameters
         * @param vector the live array, not copied
         * @return this builder
         * @throws IllegalArgumentException naming the input, if the array is null or empty, or the name is blank or taken
         */
        public Builder add(String name, double[] vector) {
            requireFree(name);
            differentiable.input(name, vector);
            arrays.put(name, vector);
            return this;
        }

        /**
         * Adds a differentiable input of any rank held row-major in a flat array, e.g. an image
         * batch of shape 2×3×8×8.
         *
         * @param name the input's name, unique among the inputs and the layer's parameters
         * @param data the live array, not copied
         * @param shape the dimensions, each at least 1
         * @return this builder
         * @throws IllegalArgumentException naming the input, if the array's length is not the shape's element count
         */
        public Builder add(String name, double[] data, int... shape) {
            requireFree(name);
            differentiable.input(name, data, shape);
            arrays.put(name, data);
            return this;
        }

        /**
         * Adds a differentiable rows×cols input of floats, moved by steps a float can hold.
         *
         * @param name the input's name, unique among the inputs and the layer's parameters
         * @param matrix the live array, not copied; rectangular
         * @return this builder
         * @throws IllegalArgumentException naming the input, if the array is null, empty or ragged, or the name is blank or taken
         */
        public Builder add(String name, float[][] matrix) {
            requireFree(name);
            differentiable.input(name, matrix);
            arrays.put(name, matrix);
            return this;
        }

        /**
         * Adds a differentiable input of floats: a vector, or with a shape any rank held row-major.
         *
         * @param name the input's name, unique among the inputs and the layer's parameters
         * @param data the live array, not copied
         * @param shape the dimensions, each at least 1; none for a vector
         * @return this builder
         * @throws IllegalArgumentException naming the input, if the array's length is not the shape's element count
         */
        public Builder add(String name, float[] data, int... shape) {
            requireFree(name);
            differentiable.input(name, data, shape);
            arrays.put(name, data);
            return this;
        }

        /**
         * Adds a constant input: read by the layer, not differentiated (targets, labels, a mask).
         * The check verifies that no call changes it, if it is an array.
         *
         * @param name the input's name, unique among the inputs
         * @param value the live object, not copied
         * @return this builder
         * @throws IllegalArgumentException if the value is null or the name is blank or taken
         */
        public Builder constant(String name, Object value) {
            requireFree(name);
            if (value == null) {
                throw new IllegalArgumentException("constant input '" + name + "' is null");
            }
            constants.put(name, value);
            return this;
        }

        private void requireFree(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an input needs a non-blank name, got " + (name == null ? "null" : "'" + name + "'"));
            }
            if (arrays.containsKey(name) || constants.containsKey(name)) {
                throw new IllegalArgumentException("two inputs are named '" + name + "'; input names must be unique");
            }
        }

        /**
         * The inputs.
         *
         * @return the inputs, in the order they were added
         * @throws IllegalArgumentException if no input was added
         */
        public LayerInputs build() {
            if (arrays.isEmpty() && constants.isEmpty()) {
                throw new IllegalArgumentException("a layer needs at least one input; add one with add(\"x\", x)");
            }
            return new LayerInputs(arrays.isEmpty() ? ParameterArrays.none() : differentiable.build(), arrays, constants);
        }
    }
}
