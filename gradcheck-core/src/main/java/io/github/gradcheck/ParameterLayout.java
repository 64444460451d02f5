package io.github.gradcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The named blocks of a model's parameter vector θ, in order, each row-major.
 *
 * <p>This is the seed assignment's {@code dictionary_to_vector} / {@code vector_to_dictionary}
 * done once: a model declares its blocks, and from then on every flat index of θ has a name such
 * as {@code W2[1,3]}. It is immutable and safe to share between threads.
 *
 * <pre>{@code
 * ParameterLayout layout = ParameterLayout.builder()
 *         .matrix("W1", 5, 4).matrix("b1", 5, 1)
 *         .matrix("W2", 3, 5).matrix("b2", 3, 1)
 *         .build();
 * double[] theta = layout.vector(W1, b1, W2, b2);   // dictionary_to_vector
 * double[][] w2 = layout.matrix(theta, "W2");       // vector_to_dictionary, one block
 * layout.label(23);                                  // "W2[0,3]"
 * }</pre>
 */
public final class ParameterLayout {

    private final List<ParameterBlock> blocks;
    private final Map<String, ParameterBlock> byName;
    private final int size;

    private ParameterLayout(List<ParameterBlock> blocks) {
        this.blocks = List.copyOf(blocks);
        Map<String, ParameterBlock> names = new LinkedHashMap<>();
        int total = 0;
        for (ParameterBlock block : blocks) {
            names.put(block.name(), block);
            total = block.offset() + block.size();
        }
        this.byName = Collections.unmodifiableMap(names);
        this.size = total;
    }

    private static final ParameterLayout EMPTY = new ParameterLayout(List.of());

    /** The layout of no blocks, for {@link ParameterArrays#none()}; a checker refuses to check it alone. */
    static ParameterLayout empty() {
        return EMPTY;
    }

    /**
     * Starts a layout; blocks are laid out in the order they are added.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A layout of one scalar parameter, as in the seed's one-dimensional check {@code J(θ) = θx}.
     *
     * @param name the parameter's name, e.g. {@code theta}
     * @return a layout of one block of rank 0
     */
    public static ParameterLayout scalar(String name) {
        return builder().scalar(name).build();
    }

    /**
     * The blocks in the order of θ.
     *
     * @return the blocks
     */
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    /**
     * The block names in θ's order.
     *
     * @return the names
     */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * The length of θ.
     *
     * @return the number of parameters
     */
    public int size() {
        return size;
    }

    /**
     * The block of that name.
     *
     * @param name a block's name, e.g. {@code W2}
     * @return the block
     * @throws IllegalArgumentException naming the blocks there are, if there is none of that name
     */
    public ParameterBlock block(String name) {
        ParameterBlock block = byName.get(name);
        if (block == null) {
            throw new IllegalArgumentException("no parameter block named '" + name + "'; the blocks are " + byName.keySet());
        }
        return block;
    }

    /**
     * The block that holds flat index {@code index} of θ.
     *
     * @param index a flat index, from 0 to {@code size() - 1}
     * @return the block
     */
    public ParameterBlock blockContaining(int index) {
        Objects.checkIndex(index, size);
        int low = 0;
        int high = blocks.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (blocks.get(mid).offset() <= index) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return blocks.get(low);
    }

    /**
     * The label of flat index {@code index}, e.g. {@code W2[1,3]}.
     *
     * @param index a flat index, from 0 to {@code size() - 1}
     * @return the block's name and the element's position in it
     */
    public String label(int index) {
        ParameterBlock block = blockContaining(index);
        return block.label(index - block.offset());
    }

    /**
     * Flattens matrices, one per block and in block order, into θ (the seed's
     * {@code dictionary_to_vector}). Every block must be of rank 2; use {@link #builder()} with
     * {@link Builder#matrix} for vectors such as {@code b1} (5×1), as the seed does.
     *
     * @param matrices one per block, each of its block's shape
     * @return θ, a new array
     * @throws IllegalArgumentException naming the block, if a count or a shape does not match
     */
    public double[] vector(double[][]... matrices) {
        Objects.requireNonNull(matrices, "matrices");
        if (matrices.length != blocks.size()) {
            throw new IllegalArgumentException("expected one matrix per block " + byName.keySet()
                    + " (" + blocks.size() + "), got " + matrices.length);
        }
        double[] vector = new double[size];
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            int[] shape = block.shape();
            if (shape.length != 2) {
                throw new IllegalArgumentException("block '" + block.name() + "' has shape " + block.shapeText()
                        + "; vector(double[][]...) takes rank-2 blocks only");
            }
            ArrayShapes.requireShape(block.name(), matrices[b], shape[0], shape[1]);
            for (int r = 0; r < shape[0]; r++) {
                System.arraycopy(matrices[b][r], 0, vector, block.offset() + r * shape[1], shape[1]);
            }
        }
        return vector;
    }

    /**
     * A copy of one rank-2 block of θ as a matrix (the seed's {@code vector_to_dictionary}).
     *
     * @param parameters θ, of length {@link #size()}
     * @param name the block's name
     * @return a new rows×cols array
     */
    public double[][] matrix(double[] parameters, String name) {
        ParameterBlock block = block(name);
        requireLength(parameters);
        int[] shape = block.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("block '" + name + "' has shape " + block.shapeText()
                    + "; matrix(...) takes rank-2 blocks only, use values(...)");
        }
        double[][] matrix = new double[shape[0]][];
        for (int r = 0; r < shape[0]; r++) {
            int from = block.offset() + r * shape[1];
            matrix[r] = Arrays.copyOfRange(parameters, from, from + shape[1]);
        }
        return matrix;
    }

    /**
     * A copy of one block of θ, of any rank, as a flat row-major array.
     *
     * @param parameters θ, of length {@link #size()}
     * @param name the block's name
     * @return a new array of the block's size
     */
    public double[] values(double[] parameters, String name) {
        ParameterBlock block = block(name);
        requireLength(parameters);
        return Arrays.copyOfRange(parameters, block.offset(), block.offset() + block.size());
    }

    private void requireLength(double[] parameters) {
        Objects.requireNonNull(parameters, "parameters");
        if (parameters.length != size) {
            throw new IllegalArgumentException("expected a parameter vector of length " + size
                    + " for blocks " + byName.keySet() + ", got length " + parameters.length);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParameterLayout that && blocks.equals(that.blocks);
    }

    @Override
    public int hashCode() {
        return blocks.hashCode();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (ParameterBlock block : blocks) {
            parts.add(block.toString());
        }
        return String.join(", ", parts);
    }

    /** Adds blocks in order. Not thread-safe; {@link #build()} gives an immutable layout. */
    public static final class Builder {

        private final List<ParameterBlock> blocks = new ArrayList<>();
        private final Map<String, Boolean> names = new LinkedHashMap<>();
        private int offset;

        private Builder() {
        }

        /**
         * Adds a scalar block.
         *
         * @param name the block's name, unique in the layout
         * @return this builder
         */
        public Builder scalar(String name) {
            return block(name);
        }

        /**
         * Adds a vector block of {@code length} elements.
         *
         * @param name the block's name, unique in the layout
         * @param length the number of elements, at least 1
         * @return this builder
         */
        public Builder vector(String name, int length) {
            return block(name, length);
        }

        /**
         * Adds a {@code rows}×{@code cols} block.
         *
         * @param name the block's name, unique in the layout
         * @param rows the number of rows, at least 1
         * @param cols the number of columns, at least 1
         * @return this builder
         */
        public Builder matrix(String name, int rows, int cols) {
            return block(name, rows, cols);
        }

        /**
         * Adds a block of any rank; no dimensions make a scalar.
         *
         * @param name the block's name, unique in the layout
         * @param shape the dimensions, each at least 1
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or taken, or a dimension is below 1
         */
        public Builder block(String name, int... shape) {
            return add(name, shape, false);
        }

        /**
         * Adds an input block of any rank: data the model or layer reads (such as {@code X}),
         * checked for dJ/dX like a parameter and marked as an input in reports.
         *
         * @param name the block's name, unique in the layout
         * @param shape the dimensions, each at least 1
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or taken, or a dimension is below 1
         */
        public Builder input(String name, int... shape) {
            return add(name, shape, true);
        }

        private Builder add(String name, int[] shape, boolean input) {
            Objects.requireNonNull(shape, "shape");
            requireName(name, names.keySet());
            ParameterBlock block = new ParameterBlock(name, shape, offset, input);
            if ((long) offset + block.size() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("adding block '" + name + "' (" + block.size()
                        + " elements) makes θ longer than a Java array can hold");
            }
            names.put(name, Boolean.TRUE);
            blocks.add(block);
            offset += block.size();
            return this;
        }

        /**
         * The layout.
         *
         * @return the layout, its blocks in the order they were added
         * @throws IllegalArgumentException if no block was added: there would be nothing to check
         */
        public ParameterLayout build() {
            if (blocks.isEmpty()) {
                throw new IllegalArgumentException("a parameter layout needs at least one block; there is nothing to check");
            }
            return new ParameterLayout(blocks);
        }
    }

    static void requireName(String name, Set<String> taken) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter block needs a non-blank name, got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        if (taken.contains(name)) {
            throw new IllegalArgumentException("two parameter blocks are named '" + name + "'; block names must be unique");
        }
    }
}
