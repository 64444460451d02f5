package io.github.gradcheck.benchmarks;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.ParameterLayout;
import java.util.Random;

/**
 * A plain-Java two-layer perceptron, tanh hidden layer and squared loss averaged over a batch, as
 * a pure function of θ = (W1 hidden×inputs, b1, w2 hidden, b2): the model the benchmarks check.
 * Its size is set by the hidden width; its cost per evaluation by the batch.
 */
public final class Mlp implements DifferentiableFunction {

    private final int inputs;
    private final int hidden;
    private final double[][] x;
    private final double[] y;
    private final ParameterLayout layout;
    private final int wrongElement;

    /**
     * @param wrongElement a flat index whose analytic gradient is doubled, or -1 for a correct gradient
     */
    public Mlp(int inputs, int hidden, int batch, long seed, int wrongElement) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.wrongElement = wrongElement;
        Random random = new Random(seed);
        x = new double[batch][inputs];
        y = new double[batch];
        for (int j = 0; j < batch; j++) {
            for (int i = 0; i < inputs; i++) {
                x[j][i] = random.nextGaussian();
            }
            y[j] = random.nextGaussian();
        }
        layout = ParameterLayout.builder().matrix("W1", hidden, inputs).vector("b1", hidden).vector("w2", hidden)
                .scalar("b2").build();
    }

    /** A random point, scaled as an initialisation would be. */
    public double[] initialPoint(long seed) {
        Random random = new Random(seed);
        double[] theta = new double[layout.size()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = random.nextGaussian() / Math.sqrt(inputs);
        }
        return theta;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public double loss(double[] theta) {
        int b1 = hidden * inputs;
        int w2 = b1 + hidden;
        int b2 = w2 + hidden;
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            double out = theta[b2];
            for (int h = 0; h < hidden; h++) {
                double z = theta[b1 + h];
                int row = h * inputs;
                for (int i = 0; i < inputs; i++) {
                    z += theta[row + i] * x[j][i];
                }
                out += theta[w2 + h] * Math.tanh(z);
            }
            double error = out - y[j];
            sum += error * error / 2;
        }
        return sum / x.length;
    }

    @Override
    public double[] gradient(double[] theta) {
        int b1 = hidden * inputs;
        int w2 = b1 + hidden;
        int b2 = w2 + hidden;
        double[] g = new double[theta.length];
        double[] a = new double[hidden];
        for (int j = 0; j < x.length; j++) {
            double out = theta[b2];
            for (int h = 0; h < hidden; h++) {
                double z = theta[b1 + h];
                int row = h * inputs;
                for (int i = 0; i < inputs; i++) {
                    z += theta[row + i] * x[j][i];
                }
                a[h] = Math.tanh(z);
                out += theta[w2 + h] * a[h];
            }
            double dOut = (out - y[j]) / x.length;
            g[b2] += dOut;
            for (int h = 0; h < hidden; h++) {
                g[w2 + h] += dOut * a[h];
                double dz = dOut * theta[w2 + h] * (1 - a[h] * a[h]);
                g[b1 + h] += dz;
                int row = h * inputs;
                for (int i = 0; i < inputs; i++) {
                    g[row + i] += dz * x[j][i];
                }
            }
        }
        if (wrongElement >= 0) {
            g[wrongElement] *= 2;
        }
        return g;
    }
}
