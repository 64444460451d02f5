package io.github.gradcheck.internal.engine;

/**
 * The standard deviation of a function's computational noise from its values at equally spaced
 * points, after Moré and Wild's ECnoise ("Estimating computational noise", SIAM J. Sci. Comput.
 * 33, 2011): over a span so short that the smooth part of the function is a low-degree
 * polynomial, the k-th differences of the values are noise only, and (k!)²/(2k)! · mean((Δᵏf)²)
 * estimates σ². Differences of order 3 to 6 are used and the largest estimate kept, so that a
 * little curvature left over errs on the side of more noise, fewer alarms.
 */
final class NoiseEstimate {

    /** Points along the direction: f(θ), f(θ + δd), …, f(θ + 8δd). */
    static final int POINTS = 9;

    private NoiseEstimate() {
    }

    static double of(double[] values) {
        double[] differences = values.clone();
        double sigma = 0;
        for (int order = 1; order <= 6; order++) {
            int length = values.length - order;
            for (int i = 0; i < length; i++) {
                differences[i] = differences[i + 1] - differences[i];
            }
            if (order >= 3) {
                double sum = 0;
                for (int i = 0; i < length; i++) {
                    sum += differences[i] * differences[i];
                }
                sigma = Math.max(sigma, Math.sqrt(gamma(order) * sum / length));
            }
        }
        return sigma;
    }

    /** (k!)² / (2k)!: makes the mean square of k-th differences of i.i.d. noise equal σ². */
    private static double gamma(int order) {
        double gamma = 1;
        for (int i = 1; i <= order; i++) {
            gamma *= (double) i / (order + i);
        }
        return gamma;
    }
}
