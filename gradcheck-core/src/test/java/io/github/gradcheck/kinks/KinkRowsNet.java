package io.github.gradcheck.kinks;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterArrays;
import java.util.Random;

/**
 * J = Σₙ yₙ Σⱼ vⱼ relu(Wⱼ·xₙ) / N + λ/2 ‖θ‖²: a hidden layer whose first {@code kinkRows} rows sit
 * exactly at coinciding kinks (Wⱼ·x₀ = Wⱼ·x₁ = 0 for x₁ = −x₀, a choice of relu′(0) = 0 the
 * one-sided slopes do not bracket), and whose other rows are smooth. A bug scales the gradient
 * of one smooth element, W[bugRow, 0]. Written for the review of issue 11: the cheap modes skipped
 * their directions for W while its mismatches were still kinks not yet judged, and passed the bug.
 */
final class KinkRowsNet implements DifferentiableModel {

    private static final double LAMBDA = 0.1;
    private static final double[][] X = {{1, 0.5}, {-1, -0.5}, {1, -0.5}, {0.3, 0.9}};
    private static final double[] Y = {1, -1, 0.7, -0.4};

    private final double[][] w;
    private final double[] v;
    private final int bugRow;
    private final double bug;

    /**
     * @param rows hidden units
     * @param kinkRows how many of them, from the first, sit at the kinks
     * @param bugRow the smooth row whose first weight's gradient is scaled, or −1 for none
     * @param bug the factor
     */
    KinkRowsNet(int rows, int kinkRows, int bugRow, double bug) {
        w = new double[rows][2];
        v = new double[rows];
        Random random = new Random(3);
        for (int j = 0; j < rows; j++) {
            w[j][0] = j < kinkRows ? 0.5 : 0.2 + random.nextDouble();
            w[j][1] = j < kinkRows ? -1 : 0.1 + random.nextDouble();
            v[j] = 0.3 + random.nextDouble();
        }
        this.bugRow = bugRow;
        this.bug = bug;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W", w).add("v", v).build();
    }

    private double z(int j, int n) {
        return w[j][0] * X[n][0] + w[j][1] * X[n][1];
    }

    @Override
    public double loss() {
        double data = 0;
        double l2 = 0;
        for (int n = 0; n < X.length; n++) {
            for (int j = 0; j < w.length; j++) {
                data += Y[n] * v[j] * Math.max(0, z(j, n));
            }
        }
        for (int j = 0; j < w.length; j++) {
            l2 += w[j][0] * w[j][0] + w[j][1] * w[j][1] + v[j] * v[j];
        }
        return data / X.length + LAMBDA / 2 * l2;
    }

    @Override
    public ParameterArrays gradient() {
        double[][] dw = new double[w.length][2];
        double[] dv = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            dw[j][0] = LAMBDA * w[j][0];
            dw[j][1] = LAMBDA * w[j][1];
            dv[j] = LAMBDA * v[j];
        }
        for (int n = 0; n < X.length; n++) {
            for (int j = 0; j < w.length; j++) {
                double zj = z(j, n);
                dv[j] += Y[n] * Math.max(0, zj) / X.length;
                double dz = Y[n] * v[j] * (zj > 0 ? 1 : 0) / X.length;
                dw[j][0] += dz * X[n][0] * (j == bugRow ? bug : 1);
                dw[j][1] += dz * X[n][1];
            }
        }
        return ParameterArrays.builder().add("W", dw).add("v", dv).build();
    }
}
