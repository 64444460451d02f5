package io.github.gradcheck;

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
            if (width < 0) {
                width = matrix[r].length;
            } else if (matrix[r].length != width) {
                throw new IllegalArgumentException("block '" + block + "' is not rectangular: row 0 has " + width
                        + " elements but row " + r + " has " + matrix[r].length);
            }
        }
        if ((rows >= 0 && matrix.length != rows) || (cols >= 0 && width != cols)) {
            throw new IllegalArgumentException("block '" + block + "' should be " + rows + "×" + cols
                    + " but its array is " + matrix.length + "×" + width);
        }
        return new int[] {matrix.length, width};
    }
}
