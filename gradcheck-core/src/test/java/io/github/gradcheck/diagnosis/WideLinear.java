package io.github.gradcheck.diagnosis;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.ParameterLayout;
import java.util.function.UnaryOperator;

/**
 * A linear layer wide enough that one wrong element is lost in a factor fit: W 73×70 (5,110 elements,
 * the block of the report that found the bug), b 73; the squared error of W·x + b against y averaged
 * over m = 3 examples. {@code mutate} changes the right gradient.
 */
final class WideLinear implements DifferentiableFunction {

    static final int OUT = 73;
    static final int IN = 70;
    static final int M = 3;
    static final ParameterLayout LAYOUT = ParameterLayout.builder().matrix("W", OUT, IN).vector("b", OUT).build();
    static final int B = OUT * IN;
    static final int N = B + OUT;

    private final UnaryOperator<double[]> mutate;
    private final double[] x = Bugs.values(M * IN, 31);
    private final double[] y = Bugs.values(M * OUT, 32);

    WideLinear(UnaryOperator<double[]> mutate) {
        this.mutate = mutate;
    }

    static double[] theta() {
        double[] theta = Bugs.values(N, 33);
        for (int k = 0; k < N; k++) {
            theta[k] *= 0.2;
        }
        return theta;
    }

    @Override
    public ParameterLayout layout() {
        return LAYOUT;
    }

    @Override
    public int batchSize() {
        return M;
    }

    @Override
    public String name() {
        return "WideLinear";
    }

    private double residual(double[] t, int s, int o) {
        double sum = t[B + o] - y[s * OUT + o];
        for (int i = 0; i < IN; i++) {
            sum += t[o * IN + i] * x[s * IN + i];
        }
        return sum;
    }

    @Override
    public double loss(double[] t) {
        double sum = 0;
        for (int s = 0; s < M; s++) {
            for (int o = 0; o < OUT; o++) {
                double r = residual(t, s, o);
                sum += 0.5 * r * r;
            }
        }
        return sum / M;
    }

    @Override
    public double[] gradient(double[] t) {
        double[] g = new double[N];
        for (int s = 0; s < M; s++) {
            for (int o = 0; o < OUT; o++) {
                double r = residual(t, s, o) / M;
                g[B + o] += r;
                for (int i = 0; i < IN; i++) {
                    g[o * IN + i] += r * x[s * IN + i];
                }
            }
        }
        return mutate.apply(g);
    }

    /** The root mean square of W's gradient, the scale a wrong element is measured against. */
    static double rms(double[] g) {
        double sum = 0;
        for (int k = 0; k < B; k++) {
            sum += g[k] * g[k];
        }
        return Math.sqrt(sum / B);
    }
}
