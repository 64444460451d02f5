package io.github.gradcheck.examples;

/** The few dense-matrix operations the example networks need, on {@code double[rows][cols]}. */
final class Matrix {

    private Matrix() {
    }

    /** W·X + b, with the column b broadcast over X's columns. */
    static double[][] affine(double[][] w, double[][] x, double[][] b) {
        double[][] z = new double[w.length][x[0].length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                double sum = 0;
                for (int k = 0; k < x.length; k++) {
                    sum += w[i][k] * x[k][j];
                }
                z[i][j] = sum + b[i][0];
            }
        }
        return z;
    }

    /** A·Bᵀ. */
    static double[][] timesTransposed(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double sum = 0;
                for (int k = 0; k < a[0].length; k++) {
                    sum += a[i][k] * b[j][k];
                }
                c[i][j] = sum;
            }
        }
        return c;
    }

    /** Aᵀ·B. */
    static double[][] transposedTimes(double[][] a, double[][] b) {
        double[][] c = new double[a[0].length][b[0].length];
        for (int i = 0; i < a[0].length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                double sum = 0;
                for (int k = 0; k < a.length; k++) {
                    sum += a[k][i] * b[k][j];
                }
                c[i][j] = sum;
            }
        }
        return c;
    }

    /** The sum of each row, as a column. */
    static double[][] rowSums(double[][] a) {
        double[][] sums = new double[a.length][1];
        for (int i = 0; i < a.length; i++) {
            for (double v : a[i]) {
                sums[i][0] += v;
            }
        }
        return sums;
    }

    static double[][] scale(double factor, double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
            for (int j = 0; j < c[i].length; j++) {
                c[i][j] *= factor;
            }
        }
        return c;
    }

    static double[][] relu(double[][] z) {
        double[][] a = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            a[i] = z[i].clone();
            for (int j = 0; j < a[i].length; j++) {
                a[i][j] = Math.max(0, a[i][j]);
            }
        }
        return a;
    }

    /** dA where the unit was active (A > 0), 0 elsewhere: the seed's {@code dA * (A > 0)}. */
    static double[][] reluBackward(double[][] dA, double[][] a) {
        double[][] dZ = new double[dA.length][];
        for (int i = 0; i < dA.length; i++) {
            dZ[i] = dA[i].clone();
            for (int j = 0; j < dZ[i].length; j++) {
                if (!(a[i][j] > 0)) {
                    dZ[i][j] = 0;
                }
            }
        }
        return dZ;
    }

    static double[][] sigmoid(double[][] z) {
        double[][] a = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            a[i] = z[i].clone();
            for (int j = 0; j < a[i].length; j++) {
                a[i][j] = 1 / (1 + Math.exp(-a[i][j]));
            }
        }
        return a;
    }
}
