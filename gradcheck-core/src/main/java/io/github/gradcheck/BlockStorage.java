package io.github.gradcheck;

import java.util.Arrays;

/**
 * Where one block's elements live, read and written by row-major element number. Two kinds cover
 * how Java code keeps weights: a slice of a flat array, and a {@code double[][]}.
 */
sealed interface BlockStorage {

    int size();

    double get(int k);

    void set(int k, double value);

    /** Whether this storage and {@code other} write to the same Java array somewhere. */
    boolean sharesWith(BlockStorage other);

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
        public boolean sharesWith(BlockStorage other) {
            return other instanceof Flat flat ? flat.data == data
                    : other instanceof Rows rows && Arrays.stream(rows.rows).anyMatch(row -> row == data);
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
        public boolean sharesWith(BlockStorage other) {
            if (other instanceof Flat) {
                return other.sharesWith(this);
            }
            Rows those = (Rows) other;
            for (double[] row : rows) {
                for (double[] theirs : those.rows) {
                    if (row == theirs) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
