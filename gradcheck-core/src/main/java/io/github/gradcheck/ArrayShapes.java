package io.github.gradcheck;

import java.lang.reflect.Array;

/** Checks that the arrays a user hands over have the shape they claim, naming the block if not. */
final class ArrayShapes {

    private ArrayShapes() {
    }

    /**
     * Requires {@code matrix} to be a non-null, rectangular {@code rows}×{@code cols} array; a
     * negative {@code rows} or {@code cols} accepts any size there, but still requires rectangular.
     *
     * @return the shape found, {@code {rows, cols}}
     */
    static int[] requireShape(String block, double[][] matrix, int rows, int cols) {
        return shapeOf(block, matrix, rows, cols);
    }

    /** As {@link #requireShape(String, double[][], int, int)}, for a float matrix. */
    static int[] requireShape(String block, float[][] matrix, int rows, int cols) {
        return shapeOf(block, matrix, rows, cols);
    }

    /** The shape of a matrix whose rows are primitive arrays, checked as {@code requireShape} says. */
    private static int[] shapeOf(String block, Object[] matrix, int rows, int cols) {
        if (matrix == null) {
            throw new IllegalArgumentException("block '" + block + "' is null");
        }
        if (matrix.length == 0) {
            throw new IllegalArgumentException("block '" + block + "' has no rows; every dimension must be at least 1");
        }
        int width = -1;
        for (int r = 0; r < matrix.length; r++) {
            if (matrix[r] == null) {
                throw new IllegalArgumentException("block '" + block + "' has a null row " + r);
            }
            int length = Array.getLength(matrix[r]);
            if (width < 0) {
                width = length;
            } else if (length != width) {
                throw new IllegalArgumentException("block '" + block + "' is not rectangular: row 0 has " + width
                        + " elements but row " + r + " has " + length);
            }
        }
        if ((rows >= 0 && matrix.length != rows) || (cols >= 0 && width != cols)) {
            throw new IllegalArgumentException("block '" + block + "' should be " + rows + "×" + cols
                    + " but its array is " + matrix.length + "×" + width);
        }
        return new int[] {matrix.length, width};
    }
}
