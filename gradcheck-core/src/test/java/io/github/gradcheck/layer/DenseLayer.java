package io.github.gradcheck.layer;

import io.github.gradcheck.DifferentiableLayer;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/** y = W x + b for one vector x, with a backward pass that can be made wrong in a named way. */
class DenseLayer implements DifferentiableLayer {

    enum Bug { NONE, DX_NOT_TRANSPOSED, DX_ONE_ELEMENT_DOUBLED, DW_SIGN, BIAS_GRADIENT_CONSTANT, DY_MODIFIED, X_MODIFIED }

    final double[][] w;
    final double[] b;
    private final Bug bug;

    DenseLayer(int outputs, int inputs, long seed, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        w = new double[outputs][inputs];
        b = new double[outputs];
        for (double[] row : w) {
            for (int j = 0; j < inputs; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        for (int i = 0; i < outputs; i++) {
            b[i] = random.nextDouble(-1, 1);
        }
        this.bug = bug;
    }

    static double[] input(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed + 17);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(-2, 2);
        }
        return x;
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("W", w).add("b", b).build();
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[] x = inputs.vector("x");
        double[] y = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            double sum = b[i];
            for (int j = 0; j < x.length; j++) {
                sum += w[i][j] * x[j];
            }
            y[i] = sum;
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[] x = inputs.vector("x");
        double[] dx = new double[x.length];
        double[][] dw = new double[w.length][x.length];
        double[] db = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < x.length; j++) {
                dx[j] += (bug == Bug.DX_NOT_TRANSPOSED ? w[j % w.length][i % x.length] : w[i][j]) * dy[i];
                dw[i][j] = (bug == Bug.DW_SIGN ? -1 : 1) * dy[i] * x[j];
            }
            db[i] = bug == Bug.BIAS_GRADIENT_CONSTANT ? dy[i] + 0.5 : dy[i];
        }
        if (bug == Bug.DX_ONE_ELEMENT_DOUBLED) {
            dx[1] *= 2;
        }
        if (bug == Bug.DY_MODIFIED) {
            dy[0] = 0;
        }
        if (bug == Bug.X_MODIFIED) {
            x[0] += 1;
        }
        return ParameterArrays.builder().add("x", dx).add("W", dw).add("b", db).build();
    }
}
