package io.github.gradcheck.diagnosis;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.ParameterLayout;
import java.util.function.UnaryOperator;

/**
 * Matrix factorisation with biases: a rating r ≈ Uᵤ·Vᵥ + buᵤ + bvᵥ over m = 12 (user, item) pairs,
 * the squared error averaged, plus λ/2 (‖U‖² + ‖V‖²). θ = (U 5×3, V 5×3, bu 5, bv 5): two pairs of
 * blocks of one shape, which a backward pass can swap. {@code mutate} changes the right gradient, or,
 * with {@code dataTermWithoutMean}, the data term's 1/m is forgotten and the L2 term kept right.
 */
final class TwoTower implements DifferentiableFunction {

    static final int USERS = 5;
    static final int RANK = 3;
    static final int M = 12;
    static final ParameterLayout LAYOUT = ParameterLayout.builder().matrix("U", USERS, RANK).matrix("V", USERS, RANK)
            .vector("bu", USERS).vector("bv", USERS).build();
    static final int U = 0;
    static final int V = USERS * RANK;
    static final int BU = 2 * USERS * RANK;
    static final int BV = BU + USERS;
    static final int N = BV + USERS;
    private static final int[] USER = {0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 2};
    private static final int[] ITEM = {1, 3, 0, 4, 2, 2, 4, 3, 1, 0, 4, 1};

    private final double lambda;
    private final boolean dataTermWithoutMean;
    private final UnaryOperator<double[]> mutate;
    private final double[] ratings = Bugs.values(M, 21);

    TwoTower(double lambda, boolean dataTermWithoutMean, UnaryOperator<double[]> mutate) {
        this.lambda = lambda;
        this.dataTermWithoutMean = dataTermWithoutMean;
        this.mutate = mutate;
    }

    static double[] theta() {
        return Bugs.values(N, 22);
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
        return "TwoTower";
    }

    private double residual(double[] t, int s) {
        double dot = 0;
        for (int k = 0; k < RANK; k++) {
            dot += t[U + USER[s] * RANK + k] * t[V + ITEM[s] * RANK + k];
        }
        return dot + t[BU + USER[s]] + t[BV + ITEM[s]] - ratings[s];
    }

    @Override
    public double loss(double[] t) {
        double sum = 0;
        for (int s = 0; s < M; s++) {
            sum += 0.5 * residual(t, s) * residual(t, s);
        }
        double l2 = 0;
        for (int k = U; k < BU; k++) {
            l2 += t[k] * t[k];
        }
        return sum / M + lambda / 2 * l2;
    }

    @Override
    public double[] gradient(double[] t) {
        double[] g = new double[N];
        for (int s = 0; s < M; s++) {
            double e = residual(t, s) / (dataTermWithoutMean ? 1 : M);
            for (int k = 0; k < RANK; k++) {
                g[U + USER[s] * RANK + k] += e * t[V + ITEM[s] * RANK + k];
                g[V + ITEM[s] * RANK + k] += e * t[U + USER[s] * RANK + k];
            }
            g[BU + USER[s]] += e;
            g[BV + ITEM[s]] += e;
        }
        for (int k = U; k < BU; k++) {
            g[k] += lambda * t[k];
        }
        return mutate.apply(g);
    }
}
