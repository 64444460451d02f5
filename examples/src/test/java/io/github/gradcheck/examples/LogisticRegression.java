package io.github.gradcheck.examples;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterLayout;
import java.util.Random;

/**
 * Binary logistic regression with the course's L2 term: J(w, b) = (1/m) Σ ℓ(y, σ(wᵀx + b))
 * + (λ / 2m) ‖w‖², as a {@link DifferentiableFunction} of θ = (w, b).
 *
 * <p>{@link #syntheticProblemWithoutRegularizationInGradient} has the bug the course warns of ("remember
 * regularization"): the loss has the L2 term but the gradient forgets its (λ/m)·w.
 */
public final class LogisticRegression implements DifferentiableFunction {

    private final double[][] x;
    private final double[] y;
    private final double lambda;
    private final boolean regularizationInGradient;
    private final ParameterLayout layout;

    private LogisticRegression(double[][] x, double[] y, double lambda, boolean regularizationInGradient) {
        this.x = x;
        this.y = y;
        this.lambda = lambda;
        this.regularizationInGradient = regularizationInGradient;
        this.layout = ParameterLayout.builder().vector("w", x[0].length).scalar("b").build();
    }

    /**
     * A model at a random initial point of a synthetic problem: m examples of d standard normal
     * features, labels drawn from a logistic model with random true weights; all from {@code seed}.
     */
    public static DifferentiableModel syntheticProblem(int m, int d, double lambda, long seed) {
        return problem(m, d, lambda, seed, true);
    }

    /** The same problem with the regularisation term missing from the gradient. */
    public static DifferentiableModel syntheticProblemWithoutRegularizationInGradient(int m, int d, double lambda, long seed) {
        return problem(m, d, lambda, seed, false);
    }

    private static DifferentiableModel problem(int m, int d, double lambda, long seed, boolean regularizationInGradient) {
        Random random = new Random(seed);
        double[] truth = gaussian(random, d + 1, 1.0);
        double[][] x = new double[m][];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = gaussian(random, d, 1.0);
            double p = sigmoid(dot(truth, x[i]) + truth[d]);
            y[i] = random.nextDouble() < p ? 1 : 0;
        }
        LogisticRegression model = new LogisticRegression(x, y, lambda, regularizationInGradient);
        return model.at(gaussian(random, d + 1, 0.5));
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public double loss(double[] theta) {
        int m = y.length;
        int d = x[0].length;
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double z = dot(theta, x[i]) + theta[d];
            // log(1 + e^z) − y·z, without overflow for large |z|
            sum += Math.max(z, 0) - y[i] * z + Math.log1p(Math.exp(-Math.abs(z)));
        }
        double squaredNorm = 0;
        for (int j = 0; j < d; j++) {
            squaredNorm += theta[j] * theta[j];
        }
        return sum / m + lambda / (2.0 * m) * squaredNorm;
    }

    @Override
    public double[] gradient(double[] theta) {
        int m = y.length;
        int d = x[0].length;
        double[] gradient = new double[d + 1];
        for (int i = 0; i < m; i++) {
            double error = sigmoid(dot(theta, x[i]) + theta[d]) - y[i];
            for (int j = 0; j < d; j++) {
                gradient[j] += error * x[i][j] / m;
            }
            gradient[d] += error / m;
        }
        if (regularizationInGradient) {
            for (int j = 0; j < d; j++) {
                gradient[j] += lambda / m * theta[j];
            }
        }
        return gradient;
    }

    @Override
    public String name() {
        return "LogisticRegression";
    }

    private static double dot(double[] w, double[] x) {
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            sum += w[j] * x[j];
        }
        return sum;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double[] gaussian(Random random, int n, double scale) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = scale * random.nextGaussian();
        }
        return values;
    }
}
