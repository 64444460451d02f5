package io.github.gradcheck.examples;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ElementStorage;
import io.github.gradcheck.ParameterArrays;

/**
 * A model whose weight matrix lives where a numerical library keeps it: one {@code double[]} in
 * column-major order (Fortran's, LAPACK's, Deeplearning4j's 'f' order), W[r, c] at r + rows·c.
 * J = (1/2m) Σ ‖tanh(W x) − y‖², W 3×4. The model hands the array to the check through
 * {@link ElementStorage#columnMajor}, so the check writes into it in place (no copy of θ per
 * evaluation) and labels elements row-major, W[r,c], as the model's own code names them.
 */
final class ColumnMajorTanhRegression implements DifferentiableModel {

    static final int ROWS = 3;
    static final int COLS = 4;

    /** W, column-major: W[r, c] = w[r + ROWS·c]. */
    final double[] w = {0.2, -0.4, 0.6, 0.1, 0.5, -0.3, -0.2, 0.3, 0.7, 0.4, -0.6, 0.2};
    final double[][] x = {{1, -0.5, 0.3, 0.8}, {0.2, 0.8, -1.1, 0.4}, {-0.7, 0.4, 0.9, -0.2}, {0.5, 0.5, 0.5, -1}};
    final double[][] y = {{0.3, -0.2, 0.5}, {0.1, 0.4, -0.6}, {-0.3, 0.2, 0.1}, {0.6, -0.1, 0.2}};
    /** The element whose gradient has a planted slip; none if negative. */
    private final int slipRow;
    private final int slipCol;

    private ColumnMajorTanhRegression(int slipRow, int slipCol) {
        this.slipRow = slipRow;
        this.slipCol = slipCol;
    }

    static ColumnMajorTanhRegression correct() {
        return new ColumnMajorTanhRegression(-1, -1);
    }

    /** The gradient of W[row, col] with a stray 0.5·W[row, col], as an L2 term added to one cell by mistake would give. */
    static ColumnMajorTanhRegression withSlipAt(int row, int col) {
        return new ColumnMajorTanhRegression(row, col);
    }

    double weight(int r, int c) {
        return w[r + ROWS * c];
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W", ElementStorage.of(w).columnMajor(ROWS, COLS), ROWS, COLS).build();
    }

    private double[] prediction(double[] xi) {
        double[] out = new double[ROWS];
        for (int r = 0; r < ROWS; r++) {
            double z = 0;
            for (int c = 0; c < COLS; c++) {
                z += weight(r, c) * xi[c];
            }
            out[r] = Math.tanh(z);
        }
        return out;
    }

    @Override
    public double loss() {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double[] p = prediction(x[i]);
            for (int r = 0; r < ROWS; r++) {
                sum += (p[r] - y[i][r]) * (p[r] - y[i][r]);
            }
        }
        return sum / (2 * x.length);
    }

    @Override
    public ParameterArrays gradient() {
        double[] dw = new double[ROWS * COLS];              // column-major, as the weights
        for (int i = 0; i < x.length; i++) {
            double[] p = prediction(x[i]);
            for (int r = 0; r < ROWS; r++) {
                double delta = (p[r] - y[i][r]) * (1 - p[r] * p[r]) / x.length;
                for (int c = 0; c < COLS; c++) {
                    dw[r + ROWS * c] += delta * x[i][c];
                }
            }
        }
        if (slipRow >= 0) {
            dw[slipRow + ROWS * slipCol] += 0.5 * weight(slipRow, slipCol);
        }
        // The gradient comes back in the same storage: the check reads it as it reads W.
        return ParameterArrays.builder().add("W", ElementStorage.of(dw).columnMajor(ROWS, COLS), ROWS, COLS).build();
    }
}
