package io.github.gradcheck;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;

/**
 * Where one block's elements live when they are not in a Java array the check can take directly:
 * a {@link DoubleBuffer} or {@link FloatBuffer} (off-heap memory, a memory-mapped file), a
 * column-major array (Deeplearning4j's 'f' order, Fortran, EJML's column-major views), a
 * library's matrix object. The check reads and writes single elements through it, in place, so
 * nothing copies θ into the model on each loss evaluation.
 *
 * <p>Elements are numbered row-major over the block's shape, as labels read them: element
 * {@code k} of a 3×4 block is {@code [k / 4, k % 4]}. A storage laid out otherwise maps the
 * number to its own position, as {@link #columnMajor} does.
 *
 * <pre>{@code
 * DoubleBuffer weights = ...;                        // the model's own, read by loss()
 * ParameterArrays.builder()
 *         .add("W", ElementStorage.of(weights).columnMajor(3, 4), 3, 4)
 *         .add("b", ElementStorage.doubles(3, k -> net.bias(k), (k, v) -> net.setBias(k, v)), 3)
 *         .build();
 * }</pre>
 *
 * <p>A storage that {@linkplain #precision() holds floats} is written only values a float can
 * hold (each the double of a float), so {@code (float) value} in {@link #set} is exact; the check
 * steps its elements by what a float can represent and restores them bit for bit.
 */
public interface ElementStorage {

    /**
     * The number of elements.
     *
     * @return the size; the block's shape must have exactly this many elements
     */
    int size();

    /**
     * Element {@code index}, counted row-major.
     *
     * @param index from 0 to {@code size() - 1}
     * @return its value
     */
    double get(int index);

    /**
     * Writes element {@code index}, counted row-major.
     *
     * @param index from 0 to {@code size() - 1}
     * @param value the new value; one this storage can hold exactly
     */
    void set(int index, double value);

    /**
     * What the storage holds: {@link Precision#DOUBLE} (the default) or {@link Precision#FLOAT}.
     * The check moves a float element by what a float can represent and, unless a precision was
     * chosen, checks with {@link Precision#FLOAT}'s steps.
     *
     * @return the precision of the elements
     */
    default Precision precision() {
        return Precision.DOUBLE;
    }

    /**
     * This storage read as a column-major (first index fastest) array of {@code shape}: row-major
     * element {@code k} is at position {@code [i₀, i₁, …]} of the shape and is read from this
     * storage's element {@code i₀ + shape[0]·(i₁ + shape[1]·(i₂ + …))}. For a rows×cols matrix,
     * element {@code [r, c]} is at {@code r + rows·c}, as in Deeplearning4j's 'f' order.
     *
     * @param shape the block's dimensions, as the block is declared
     * @return a view, not a copy
     * @throws IllegalArgumentException if the shape's element count is not this storage's size
     */
    default ElementStorage columnMajor(int... shape) {
        return new BlockStorage.ColumnMajor(this, shape);
    }

    /**
     * A {@code double[]}'s elements, row-major; {@link ParameterArrays.Builder#add(String, double[], int...)}
     * is the same without this step. For {@link #columnMajor} over an array.
     *
     * @param data the live array, not copied
     * @return a storage over it
     */
    static ElementStorage of(double[] data) {
        Objects.requireNonNull(data, "data");
        return new BlockStorage.Flat(data, 0, data.length);
    }

    /**
     * A {@code float[]}'s elements, row-major. For {@link #columnMajor} over an array.
     *
     * @param data the live array, not copied
     * @return a storage over it
     */
    static ElementStorage of(float[] data) {
        Objects.requireNonNull(data, "data");
        return new BlockStorage.FloatFlat(data, 0, data.length);
    }

    /**
     * The elements of {@code buffer} from its position to its limit at this call; later moves of
     * the buffer's position do not shift them. Read and written with absolute {@code get}/{@code put}.
     *
     * @param buffer the live buffer, heap or direct, not copied
     * @return a storage over it
     * @throws IllegalArgumentException if the buffer is read-only: the check writes into it
     */
    static ElementStorage of(DoubleBuffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        requireWritable(buffer.isReadOnly());
        return new BlockStorage.Doubles(buffer.slice(), buffer.hasArray() ? buffer.array() : buffer);
    }

    /**
     * The elements of {@code buffer} from its position to its limit at this call, as floats.
     *
     * @param buffer the live buffer, heap or direct, not copied
     * @return a storage over it
     * @throws IllegalArgumentException if the buffer is read-only: the check writes into it
     */
    static ElementStorage of(FloatBuffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        requireWritable(buffer.isReadOnly());
        return new BlockStorage.Floats(buffer.slice(), buffer.hasArray() ? buffer.array() : buffer);
    }

    /**
     * A storage of doubles from a reader and a writer, e.g. over a library's matrix:
     * {@code ElementStorage.doubles(12, k -> m.get(k / 4, k % 4), (k, v) -> m.set(k / 4, k % 4, v))}.
     *
     * @param size the number of elements
     * @param reader element {@code k}, row-major
     * @param writer writes element {@code k}
     * @return the storage
     * @throws IllegalArgumentException if {@code size} is below 1
     */
    static ElementStorage doubles(int size, IntToDoubleFunction reader, Writer writer) {
        return new BlockStorage.Accessed(size, reader, writer, Precision.DOUBLE);
    }

    /**
     * A storage of floats from a reader and a writer; the writer is given doubles of floats, so
     * {@code (float) value} is exact.
     *
     * @param size the number of elements
     * @param reader element {@code k}, row-major, widened to double
     * @param writer writes element {@code k}
     * @return the storage
     * @throws IllegalArgumentException if {@code size} is below 1
     */
    static ElementStorage floats(int size, IntToDoubleFunction reader, Writer writer) {
        return new BlockStorage.Accessed(size, reader, writer, Precision.FLOAT);
    }

    private static void requireWritable(boolean readOnly) {
        if (readOnly) {
            throw new IllegalArgumentException("the buffer is read-only, but the check moves each parameter in place:"
                    + " hand over the buffer the model reads and writes, not a read-only view of it");
        }
    }

    /** Writes one element: the second half of {@link #doubles} and {@link #floats}. */
    @FunctionalInterface
    interface Writer {

        /**
         * Writes element {@code index}.
         *
         * @param index the element, row-major
         * @param value its new value
         */
        void set(int index, double value);
    }
}
