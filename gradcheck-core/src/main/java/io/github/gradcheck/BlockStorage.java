package io.github.gradcheck;

import io.github.gradcheck.internal.format.Shapes;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntToDoubleFunction;

/**
 * The storages this library makes, each able to say which Java objects it writes to, so that a
 * copy of a model that still shares an array with it is caught ({@link #shared}). A storage a
 * user implements is its own backing: two blocks share it only if they are the same object.
 */
sealed interface BlockStorage extends ElementStorage {

    /** The objects (arrays, buffers, a user's storage) written when this storage is written. */
    List<Object> backing();

    /** The objects {@code storage} writes to: its backing, or the storage itself for a user's. */
    static List<Object> backingOf(ElementStorage storage) {
        return storage instanceof BlockStorage block ? block.backing() : List.of(storage);
    }

    /** Whether any storage of {@code ours} writes to an object that a storage of {@code theirs} writes to. */
    static boolean shared(List<ElementStorage> ours, List<ElementStorage> theirs) {
        Set<Object> written = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ElementStorage storage : ours) {
            written.addAll(backingOf(storage));
        }
        for (ElementStorage storage : theirs) {
            for (Object object : backingOf(storage)) {
                if (written.contains(object)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code size} elements of {@code data} from {@code offset}. */
    record Flat(double[] data, int offset, int size) implements BlockStorage {

        @Override
        public double get(int k) {
            return data[offset + k];
        }

        @Override
        public void set(int k, double value) {
            data[offset + k] = value;
        }

        @Override
        public List<Object> backing() {
            return List.of(data);
        }
    }

    /** A rectangular matrix with {@code cols} columns. */
    record Rows(double[][] rows, int cols) implements BlockStorage {

        @Override
        public int size() {
            return rows.length * cols;
        }

        @Override
        public double get(int k) {
            return rows[k / cols][k % cols];
        }

        @Override
        public void set(int k, double value) {
            rows[k / cols][k % cols] = value;
        }

        @Override
        public List<Object> backing() {
            return Arrays.asList((Object[]) rows);
        }
    }

    /** {@code size} floats of {@code data} from {@code offset}. */
    record FloatFlat(float[] data, int offset, int size) implements BlockStorage {

        @Override
        public double get(int k) {
            return data[offset + k];
        }

        @Override
        public void set(int k, double value) {
            data[offset + k] = (float) value;
        }

        @Override
        public Precision precision() {
            return Precision.FLOAT;
        }

        @Override
        public List<Object> backing() {
            return List.of(data);
        }
    }

    /** A rectangular float matrix with {@code cols} columns. */
    record FloatRows(float[][] rows, int cols) implements BlockStorage {

        @Override
        public int size() {
            return rows.length * cols;
        }

        @Override
        public double get(int k) {
            return rows[k / cols][k % cols];
        }

        @Override
        public void set(int k, double value) {
            rows[k / cols][k % cols] = (float) value;
        }

        @Override
        public Precision precision() {
            return Precision.FLOAT;
        }

        @Override
        public List<Object> backing() {
            return Arrays.asList((Object[]) rows);
        }
    }

    /** A double buffer's elements, by absolute index; {@code owner} is its array, or the buffer if direct. */
    record Doubles(DoubleBuffer buffer, Object owner) implements BlockStorage {

        @Override
        public int size() {
            return buffer.limit();
        }

        @Override
        public double get(int k) {
            return buffer.get(k);
        }

        @Override
        public void set(int k, double value) {
            buffer.put(k, value);
        }

        @Override
        public List<Object> backing() {
            return List.of(owner);
        }
    }

    /** A float buffer's elements, by absolute index; {@code owner} is its array, or the buffer if direct. */
    record Floats(FloatBuffer buffer, Object owner) implements BlockStorage {

        @Override
        public int size() {
            return buffer.limit();
        }

        @Override
        public double get(int k) {
            return buffer.get(k);
        }

        @Override
        public void set(int k, double value) {
            buffer.put(k, (float) value);
        }

        @Override
        public Precision precision() {
            return Precision.FLOAT;
        }

        @Override
        public List<Object> backing() {
            return List.of(owner);
        }
    }

    /** A reader and a writer; its own backing, as a user's storage. */
    record Accessed(int size, IntToDoubleFunction reader, ElementStorage.Writer writer, Precision precision)
            implements BlockStorage {

        public Accessed {
            Objects.requireNonNull(reader, "reader");
            Objects.requireNonNull(writer, "writer");
            if (size < 1) {
                throw new IllegalArgumentException("a storage needs at least 1 element, was given size " + size);
            }
        }

        @Override
        public double get(int k) {
            return reader.applyAsDouble(k);
        }

        @Override
        public void set(int k, double value) {
            writer.set(k, value);
        }

        @Override
        public List<Object> backing() {
            return List.of(this);
        }
    }

    /**
     * {@code storage} read column-major over {@code shape}: row-major element k goes to the
     * column-major position of the same indices, so labels name the element the user means.
     */
    record ColumnMajor(ElementStorage storage, int[] shape) implements BlockStorage {

        public ColumnMajor {
            Objects.requireNonNull(storage, "storage");
            shape = Objects.requireNonNull(shape, "shape").clone();
            long elements = 1;
            for (int dimension : shape) {
                if (dimension < 1) {
                    throw new IllegalArgumentException("a column-major shape needs every dimension at least 1, got "
                            + Shapes.text(shape));
                }
                elements *= dimension;
            }
            if (elements != storage.size()) {
                throw new IllegalArgumentException("a column-major view of shape " + Shapes.text(shape) + " needs "
                        + elements + " elements but the storage has " + storage.size());
            }
        }

        /**
         * The column-major position of row-major element {@code k}: its indices, last first, each
         * times the product of the dimensions before it.
         */
        private int position(int k) {
            int rest = k;
            int stride = storage.size();
            int position = 0;
            for (int d = shape.length - 1; d >= 0; d--) {
                stride /= shape[d];
                position += (rest % shape[d]) * stride;
                rest /= shape[d];
            }
            return position;
        }

        @Override
        public int size() {
            return storage.size();
        }

        @Override
        public double get(int k) {
            return storage.get(position(k));
        }

        @Override
        public void set(int k, double value) {
            storage.set(position(k), value);
        }

        @Override
        public Precision precision() {
            return storage.precision();
        }

        @Override
        public List<Object> backing() {
            return backingOf(storage);
        }

        /** The shape, a copy. */
        @Override
        public int[] shape() {
            return shape.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ColumnMajor that && storage.equals(that.storage) && Arrays.equals(shape, that.shape);
        }

        @Override
        public int hashCode() {
            return 31 * storage.hashCode() + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return "ColumnMajor[" + storage + ", " + Shapes.text(shape) + "]";
        }
    }
}
