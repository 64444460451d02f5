package io.github.gradcheck;

import io.github.gradcheck.internal.engine.ParameterAccess;
import io.github.gradcheck.internal.format.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A model's own arrays, each under the name of its block, in order: how a
 * {@link DifferentiableModel} hands its live parameters (and its gradient) to the check.
 *
 * <p>The arrays are not copied. The check writes {@code θᵢ ± ε} straight into them, one element at
 * a time, calls {@link DifferentiableModel#loss()}, and writes the original value back, bit for
 * bit. This is why the check needs no copy of θ per index and why a model that keeps its weights
 * in fields such as {@code double[][] W1} can be checked without being rewritten.
 *
 * <pre>{@code
 * ParameterArrays.builder()
 *         .add("W1", W1)              // double[][]: a rows×cols block
 *         .add("b1", b1)              // double[]:   a vector block
 *         .add("K", kernel, 3, 3, 8)  // a flat array of any rank, row-major
 *         .add("E", embedding)        // float[][] (float[], flat float[] with a shape): float blocks
 *         .add("V", ElementStorage.of(buffer).columnMajor(4, 5), 4, 5)   // elements kept elsewhere
 *         .build();
 * }</pre>
 *
 * <p>A float block is moved by steps a float can represent, fl(θᵢ + ε) − θᵢ being the step the
 * quotient divides by, and restored bit for bit; see {@link ElementStorage} for storages that are
 * not Java arrays.
 */
public final class ParameterArrays {

    static {
        ParameterAccess.install(new ParameterAccess() {
            @Override
            public double get(ParameterArrays arrays, int b, int k) {
                return arrays.get(b, k);
            }

            @Override
            public void set(ParameterArrays arrays, int b, int k, double value) {
                arrays.set(b, k, value);
            }

            @Override
            public void restore(ParameterArrays arrays, double[] vector, int from, int to) {
                arrays.restore(vector, from, to);
            }

            @Override
            public int firstDifference(ParameterArrays arrays, double[] vector) {
                return arrays.firstDifference(vector);
            }

            @Override
            public double[] array(ParameterArrays arrays, int b) {
                return arrays.storages.get(b) instanceof BlockStorage.Flat flat ? flat.data() : null;
            }

            @Override
            public int arrayOffset(ParameterArrays arrays, int b) {
                return ((BlockStorage.Flat) arrays.storages.get(b)).offset();
            }

            @Override
            public boolean shareArrays(ParameterArrays one, ParameterArrays other) {
                return BlockStorage.shared(one.storages, other.storages);
            }

            @Override
            public Precision precision(ParameterArrays arrays, int b) {
                return arrays.storages.get(b).precision();
            }

            @Override
            public ParameterArrays concat(ParameterArrays first, ParameterArrays second) {
                return ParameterArrays.concat(first, second);
            }
        });
    }

    private final ParameterLayout layout;
    private final List<ElementStorage> storages;

    private ParameterArrays(ParameterLayout layout, List<ElementStorage> storages) {
        this.layout = layout;
        this.storages = List.copyOf(storages);
    }

    private static final ParameterArrays NONE = new ParameterArrays(ParameterLayout.empty(), List.of());

    /**
     * No arrays: the parameters of a layer that has none (an activation, a loss).
     *
     * @return the empty set, shared
     */
    public static ParameterArrays none() {
        return NONE;
    }

    /**
     * Starts a set of arrays; blocks are laid out in the order they are added.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The layout these arrays make up.
     *
     * @return the blocks' names, shapes and places in θ
     */
    public ParameterLayout layout() {
        return layout;
    }

    /** Element {@code k} (row-major) of the {@code b}-th block. */
    private double get(int b, int k) {
        return storages.get(b).get(k);
    }

    /** Writes element {@code k} (row-major) of the {@code b}-th block. */
    private void set(int b, int k, double value) {
        storages.get(b).set(k, value);
    }

    /**
     * All elements in θ's order, as a fresh array.
     *
     * @return θ, copied
     */
    public double[] toVector() {
        double[] vector = new double[layout.size()];
        for (int b = 0; b < storages.size(); b++) {
            ElementStorage storage = storages.get(b);
            int offset = layout.blocks().get(b).offset();
            if (storage instanceof BlockStorage.Flat flat) {
                System.arraycopy(flat.data(), flat.offset(), vector, offset, flat.size());
                continue;
            }
            for (int k = 0; k < storage.size(); k++) {
                vector[offset + k] = storage.get(k);
            }
        }
        return vector;
    }

    /** Writes flat indices {@code [from, to)} of {@code vector} back into the arrays, bit for bit. */
    private void restore(double[] vector, int from, int to) {
        for (int b = 0; b < storages.size(); b++) {
            ElementStorage storage = storages.get(b);
            int offset = layout.blocks().get(b).offset();
            int first = Math.max(from, offset);
            int last = Math.min(to, offset + storage.size());
            if (storage instanceof BlockStorage.Flat flat && first < last) {
                System.arraycopy(vector, first, flat.data(), flat.offset() + first - offset, last - first);
                continue;
            }
            for (int i = first; i < last; i++) {
                storage.set(i - offset, vector[i]);
            }
        }
    }

    /**
     * The first flat index whose value differs from {@code vector}'s, or -1 if none does: bit for
     * bit, but that one NaN is not told from another (an array of doubles is compared by
     * {@link Arrays#mismatch(double[], int, int, double[], int, int)}, several elements at a time,
     * which at a million parameters is what makes the check's comparisons of θ with its original cheap).
     * A model would have to turn a NaN parameter into another NaN for that to hide a change; what the
     * check writes itself is read back bit for bit ({@code Workspace}).
     */
    private int firstDifference(double[] vector) {
        for (int b = 0; b < storages.size(); b++) {
            ElementStorage storage = storages.get(b);
            int offset = layout.blocks().get(b).offset();
            if (storage instanceof BlockStorage.Flat flat) {
                int k = Arrays.mismatch(flat.data(), flat.offset(), flat.offset() + flat.size(),
                        vector, offset, offset + flat.size());
                if (k >= 0) {
                    return offset + k;
                }
                continue;
            }
            for (int k = 0; k < storage.size(); k++) {
                if (Double.doubleToLongBits(storage.get(k)) != Double.doubleToLongBits(vector[offset + k])) {
                    return offset + k;
                }
            }
        }
        return -1;
    }

    /** {@code first}'s blocks, then {@code second}'s, over the same live storage. */
    private static ParameterArrays concat(ParameterArrays first, ParameterArrays second) {
        ParameterLayout.Builder layout = ParameterLayout.builder();
        List<ElementStorage> storages = new ArrayList<>();
        for (ParameterArrays arrays : List.of(first, second)) {
            List<ParameterBlock> blocks = arrays.layout.blocks();
            for (int b = 0; b < blocks.size(); b++) {
                ParameterBlock block = blocks.get(b);
                if (block.isInput()) {
                    layout.input(block.name(), block.shape());
                } else {
                    layout.block(block.name(), block.shape());
                }
                storages.add(arrays.storages.get(b));
            }
        }
        return new ParameterArrays(layout.build(), storages);
    }

    /** Wraps a flat vector in {@code layout}'s blocks, without copying it. */
    static ParameterArrays over(ParameterLayout layout, double[] vector) {
        List<ElementStorage> storages = new ArrayList<>();
        for (ParameterBlock block : layout.blocks()) {
            storages.add(new BlockStorage.Flat(vector, block.offset(), block.size()));
        }
        return new ParameterArrays(layout, storages);
    }

    /** Adds arrays in order. Not thread-safe. */
    public static final class Builder {

        private final ParameterLayout.Builder layout = ParameterLayout.builder();
        private final List<ElementStorage> storages = new ArrayList<>();
        private final Set<String> names = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Adds a rows×cols block backed by {@code matrix}, which must be rectangular.
         *
         * @param name the block's name, unique among the blocks
         * @param matrix the live array, not copied
         * @return this builder
         * @throws IllegalArgumentException naming the block, if the array is null, empty or ragged,
         *     or the name is blank or taken
         */
        public Builder add(String name, double[][] matrix) {
            ParameterLayout.requireName(name, names);
            int[] shape = ArrayShapes.requireShape(name, matrix, -1, -1);
            return block(name, new BlockStorage.Rows(matrix, shape[1]), shape);
        }

        /**
         * Adds a vector block backed by {@code vector}.
         *
         * @param name the block's name, unique among the blocks
         * @param vector the live array, not copied
         * @return this builder
         * @throws IllegalArgumentException naming the block, if the array is null or empty, or the
         *     name is blank or taken
         */
        public Builder add(String name, double[] vector) {
            ParameterLayout.requireName(name, names);
            if (vector == null) {
                throw new IllegalArgumentException("block '" + name + "' is null");
            }
            return block(name, new BlockStorage.Flat(vector, 0, vector.length), vector.length);
        }

        /**
         * Adds a block of the given shape backed by the flat, row-major array {@code data}; no
         * dimensions make a scalar held in {@code data[0]}.
         *
         * @param name the block's name, unique among the blocks
         * @param data the live array, not copied
         * @param shape the dimensions, each at least 1
         * @return this builder
         * @throws IllegalArgumentException naming the block, if the array's length is not the
         *     shape's element count
         */
        public Builder add(String name, double[] data, int... shape) {
            ParameterLayout.requireName(name, names);
            return block(name, flat(name, data, shape), shape);
        }

        /**
         * Adds an input block backed by {@code matrix}: data the model reads (such as {@code X}),
         * checked for dJ/dX like a parameter and marked as an input in reports. The gradient must
         * then have a block of this name too.
         *
         * @param name the block's name, unique among the blocks
         * @param matrix the live array, not copied
         * @return this builder
         * @throws IllegalArgumentException as for {@link #add(String, double[][])}
         */
        public Builder input(String name, double[][] matrix) {
            ParameterLayout.requireName(name, names);
            int[] shape = ArrayShapes.requireShape(name, matrix, -1, -1);
            return block(name, new BlockStorage.Rows(matrix, shape[1]), true, shape);
        }

        /**
         * Adds an input vector block backed by {@code vector}, as {@link #input(String, double[][])}.
         *
         * @param name the block's name, unique among the blocks
         * @param vector the live array, not copied
         * @return this builder
         * @throws IllegalArgumentException as for {@link #add(String, double[])}
         */
        public Builder input(String name, double[] vector) {
            ParameterLayout.requireName(name, names);
            if (vector == null) {
                throw new IllegalArgumentException("block '" + name + "' is null");
            }
            return block(name, new BlockStorage.Flat(vector, 0, vector.length), true, vector.length);
        }

        /**
         * Adds an input block of the given shape backed by the flat, row-major array {@code data},
         * as {@link #input(String, double[][])}.
         *
         * @param name the block's name, unique among the blocks
         * @param data the live array, not copied
         * @param shape the dimensions, each at least 1
         * @return this builder
         * @throws IllegalArgumentException as for {@link #add(String, double[], int...)}
         */
        public Builder input(String name, double[] data, int... shape) {
            ParameterLayout.requireName(name, names);
            return block(name, flat(name, data, shape), true, shape);
        }

        private static BlockStorage flat(String name, double[] data, int... shape) {
            Objects.requireNonNull(shape, "shape");
            if (data == null) {
                throw new IllegalArgumentException("block '" + name + "' is null");
            }
            int size = ParameterBlock.sizeOf(name, shape);
            if (data.length != size) {
                throw new IllegalArgumentException("block '" + name + "' has shape " + Shapes.text(shape)
                        + " (" + size + " elements) but its array has " + data.length + " elements");
            }
            return new BlockStorage.Flat(data, 0, size);
        }

        /**
         * Adds an input block of floats backed by {@code matrix}, as {@link #input(String, double[][])}.
         *
         * @param name the block's name, unique among the blocks
         * @param matrix the live array, not copied
         * @return this builder
         * @throws IllegalArgumentException as for {@link #add(String, float[][])}
         */
        public Builder input(String name, float[][] matrix) {
            ParameterLayout.requireName(name, names);
            int[] shape = ArrayShapes.requireShape(name, matrix, -1, -1);
            return block(name, new BlockStorage.FloatRows(matrix, shape[1]), true, shape);
        }

        /**
         * Adds an input block of floats of the given shape backed by the flat, row-major array
         * {@code data} (a vector without a shape), as {@link #input(String, double[][])}.
         *
         * @param name the block's name, unique among the blocks
         * @param data the live array, not copied
         * @param shape the dimensions, each at least 1; none for a vector of {@code data.length}
         * @return this builder
         * @throws IllegalArgumentException as for {@link #add(String, float[], int...)}
         */
        public Builder input(String name, float[] data, int... shape) {
            ParameterLayout.requireName(name, names);
            Objects.requireNonNull(shape, "shape");
            if (data == null) {
                throw new IllegalArgumentException("block '" + name + "' is null");
            }
            int[] dimensions = shape.length == 0 ? new int[] {data.length} : shape;
            return block(name, sized(name, new BlockStorage.FloatFlat(data, 0, data.length), dimensions), true, dimensions);
        }

        /**
         * Adds a rows×cols block of floats backed by {@code matrix}, which must be rectangular. The
         * check moves its elements by steps a float can represent and restores them bit for bit;
         * see {@link ElementStorage#precision()}.
         *
         * @param name the block's name, unique among the blocks
         * @param matrix the live array, not copied
         * @return this builder
         * @throws IllegalArgumentException naming the block, if the array is null, empty or ragged,
         *     or the name is blank or taken
         */
        public Builder add(String name, float[][] matrix) {
            ParameterLayout.requireName(name, names);
            int[] shape = ArrayShapes.requireShape(name, matrix, -1, -1);
            return block(name, new BlockStorage.FloatRows(matrix, shape[1]), shape);
        }

        /**
         * Adds a vector block of floats backed by {@code vector}.
         *
         * @param name the block's name, unique among the blocks
         * @param vector the live array, not copied
         * @return this builder
         * @throws IllegalArgumentException naming the block, if the array is null or empty, or the
         *     name is blank or taken
         */
        public Builder add(String name, float[] vector) {
            ParameterLayout.requireName(name, names);
            if (vector == null) {
                throw new IllegalArgumentException("block '" + name + "' is null");
            }
            return block(name, new BlockStorage.FloatFlat(vector, 0, vector.length), vector.length);
        }

        /**
         * Adds a block of floats of the given shape backed by the flat, row-major array
         * {@code data} (EJML's {@code FMatrixRMaj.data}, for one); no dimensions make a scalar.
         *
         * @param name the block's name, unique among the blocks
         * @param data the live array, not copied
         * @param shape the dimensions, each at least 1
         * @return this builder
         * @throws IllegalArgumentException naming the block, if the array's length is not the
         *     shape's element count
         */
        public Builder add(String name, float[] data, int... shape) {
            ParameterLayout.requireName(name, names);
            Objects.requireNonNull(shape, "shape");
            if (data == null) {
                throw new IllegalArgumentException("block '" + name + "' is null");
            }
            return block(name, sized(name, new BlockStorage.FloatFlat(data, 0, data.length), shape), shape);
        }

        /**
         * Adds a block of the given shape whose elements live in {@code storage}: a buffer, a
         * column-major array, a library's matrix (see {@link ElementStorage}). Element {@code k}
         * of the storage is the block's row-major element {@code k}.
         *
         * @param name the block's name, unique among the blocks
         * @param storage the live storage, not copied
         * @param shape the dimensions, each at least 1; no dimensions make a scalar
         * @return this builder
         * @throws IllegalArgumentException naming the block, if the storage is null, its size is not
         *     the shape's element count, or it is a {@link ElementStorage#columnMajor column-major}
         *     view of another shape
         */
        public Builder add(String name, ElementStorage storage, int... shape) {
            ParameterLayout.requireName(name, names);
            Objects.requireNonNull(shape, "shape");
            if (storage == null) {
                throw new IllegalArgumentException("block '" + name + "' has a null storage");
            }
            if (storage instanceof BlockStorage.ColumnMajor view && !Arrays.equals(view.shape(), shape)) {
                throw new IllegalArgumentException("block '" + name + "' has shape " + Shapes.text(shape)
                        + " but its storage is a column-major view of shape " + Shapes.text(view.shape())
                        + "; give the view the block's shape, so that each element is read where the storage keeps it");
            }
            return block(name, sized(name, storage, shape), shape);
        }

        /** {@code storage}, if it has as many elements as {@code shape}; else an error naming the block. */
        private static ElementStorage sized(String name, ElementStorage storage, int[] shape) {
            int size = ParameterBlock.sizeOf(name, shape);
            int held = storage.size();
            if (held != size) {
                throw new IllegalArgumentException("block '" + name + "' has shape " + Shapes.text(shape)
                        + " (" + size + " elements) but its " + (storage instanceof BlockStorage.FloatFlat ? "array"
                        : "storage") + " has " + held + " elements");
            }
            return storage;
        }

        private Builder block(String name, ElementStorage storage, int... shape) {
            return block(name, storage, false, shape);
        }

        private Builder block(String name, ElementStorage storage, boolean input, int... shape) {
            if (input) {
                layout.input(name, shape);
            } else {
                layout.block(name, shape);
            }
            names.add(name);
            storages.add(storage);
            return this;
        }

        /**
         * The arrays.
         *
         * @return the arrays, in the order they were added
         * @throws IllegalArgumentException if no block was added
         */
        public ParameterArrays build() {
            return new ParameterArrays(layout.build(), storages);
        }
    }
}
