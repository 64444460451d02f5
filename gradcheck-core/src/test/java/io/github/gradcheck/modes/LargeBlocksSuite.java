package io.github.gradcheck.modes;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.ParameterLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Models whose largest blocks are larger than the partial modes' bounded Taylor and noise directions
 * (4,096 coordinates), with planted bugs, written to measure what bounding those directions changes:
 * none of them is in the mutation suite, the held-out models or {@link ModesSuite}. A linear softmax
 * classifier with an L2 term (W 10×600, b), an embedding table fitted to pair scores (E 1,200×8, most
 * of whose rows no pair uses: a gradient that is mostly zero), and a log-cosh regression on one weight
 * vector of 5,000.
 */
final class LargeBlocksSuite {

    private LargeBlocksSuite() {
    }

    static List<ModesSuite.Case> cases() {
        List<ModesSuite.Case> cases = new ArrayList<>();
        LinearSoftmax softmax = new LinearSoftmax(600, 10, 8, 1e-2);
        softmax.add(cases, "correct", g -> { });
        softmax.add(cases, "W ×2", g -> scale(g, 0, 6000, 2));
        softmax.add(cases, "W without its L2 term", g -> {
            for (int i = 0; i < 6000; i++) {
                g[i] -= softmax.lambda * softmax.theta[i];
            }
        });
        softmax.add(cases, "W[3,417] sign flipped", g -> g[3 * 600 + 417] *= -1);
        softmax.add(cases, "b ×0.5", g -> scale(g, 6000, 6010, 0.5));
        Embeddings embeddings = new Embeddings(1200, 8, 60);
        embeddings.add(cases, "correct", g -> { });
        embeddings.add(cases, "E ×0.5", g -> scale(g, 0, 9600, 0.5));
        embeddings.add(cases, "only the first row of each pair", Embeddings.FIRST_ROW_ONLY);
        embeddings.add(cases, "one used element +10 %", g -> g[embeddings.firstUsed()] *= 1.1);
        embeddings.add(cases, "two used elements swapped", g -> {
            int a = embeddings.firstUsed();
            double first = g[a];
            g[a] = g[a + 1];
            g[a + 1] = first;
        });
        LogCosh logCosh = new LogCosh(5000, 12);
        logCosh.add(cases, "correct", g -> { });
        logCosh.add(cases, "w ×(1 + 1e-3)", g -> scale(g, 0, 5000, 1 + 1e-3));
        logCosh.add(cases, "w[4321] zero", g -> g[4321] = 0);
        logCosh.add(cases, "w[17] off by 1 %", g -> g[17] *= 1.01);
        logCosh.add(cases, "bias sign flipped", g -> g[5000] *= -1);
        return cases;
    }

    private static void scale(double[] g, int from, int to, double factor) {
        for (int i = from; i < to; i++) {
            g[i] *= factor;
        }
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Mean cross-entropy of softmax(W x + b) over a fixed batch, plus λ/2‖W‖². */
    static final class LinearSoftmax {

        final double lambda;
        final double[] theta;
        private final ParameterLayout layout;
        private final int d;
        private final int k;
        private final double[][] x;
        private final int[] y;

        LinearSoftmax(int d, int k, int m, double lambda) {
            this.d = d;
            this.k = k;
            this.lambda = lambda;
            this.layout = ParameterLayout.builder().matrix("W", k, d).vector("b", k).build();
            SplittableRandom random = new SplittableRandom(3_141_592L);
            x = new double[m][d];
            y = new int[m];
            for (int s = 0; s < m; s++) {
                for (int i = 0; i < d; i++) {
                    x[s][i] = gaussian(random);
                }
                y[s] = random.nextInt(k);
            }
            theta = new double[layout.size()];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = 0.05 * gaussian(random);
            }
        }

        void add(List<ModesSuite.Case> cases, String bug, Consumer<double[]> mutate) {
            cases.add(new ModesSuite.Case("linear softmax (N = " + layout.size() + ")", bug, DifferentiableFunction.of(layout,
                    this::loss, p -> {
                        double[] g = gradient(p);
                        mutate.accept(g);
                        return g;
                    }), theta.clone()));
        }

        private double[] logits(double[] p, double[] input) {
            double[] z = new double[k];
            for (int c = 0; c < k; c++) {
                double sum = p[k * d + c];
                for (int i = 0; i < d; i++) {
                    sum += p[c * d + i] * input[i];
                }
                z[c] = sum;
            }
            return z;
        }

        /** The largest logit and Σ exp(zᶜ − max), the stable softmax's two sums, shared by the loss and its gradient. */
        private record Shifted(double max, double total) {
            static Shifted of(double[] z) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double total = 0;
                for (double v : z) {
                    total += Math.exp(v - max);
                }
                return new Shifted(max, total);
            }
        }

        private double loss(double[] p) {
            double sum = 0;
            for (int s = 0; s < x.length; s++) {
                double[] z = logits(p, x[s]);
                Shifted shifted = Shifted.of(z);
                sum += shifted.max() + Math.log(shifted.total()) - z[y[s]];
            }
            double l2 = 0;
            for (int i = 0; i < k * d; i++) {
                l2 += p[i] * p[i];
            }
            return sum / x.length + lambda / 2 * l2;
        }

        private double[] gradient(double[] p) {
            double[] g = new double[p.length];
            for (int s = 0; s < x.length; s++) {
                double[] z = logits(p, x[s]);
                Shifted shifted = Shifted.of(z);
                for (int c = 0; c < k; c++) {
                    double delta = (Math.exp(z[c] - shifted.max()) / shifted.total() - (c == y[s] ? 1 : 0)) / x.length;
                    for (int i = 0; i < d; i++) {
                        g[c * d + i] += delta * x[s][i];
                    }
                    g[k * d + c] += delta;
                }
            }
            for (int i = 0; i < k * d; i++) {
                g[i] += lambda * p[i];
            }
            return g;
        }
    }

    /**
     * Σ over fixed pairs (i, j) of (⟨Eᵢ, Eⱼ⟩ − r)²/2, with E an n×dim table of which the pairs use a
     * few rows. {@link #FIRST_ROW_ONLY} gives each pair's gradient to its first row only.
     */
    static final class Embeddings {

        static final Consumer<double[]> FIRST_ROW_ONLY = g -> { };

        private final ParameterLayout layout;
        private final double[] theta;
        private final int dim;
        private final int[][] pairs;
        private final double[] target;

        Embeddings(int n, int dim, int count) {
            this.dim = dim;
            this.layout = ParameterLayout.builder().matrix("E", n, dim).build();
            SplittableRandom random = new SplittableRandom(2_718_281L);
            pairs = new int[count][];
            target = new double[count];
            for (int q = 0; q < count; q++) {
                pairs[q] = new int[] {random.nextInt(n), random.nextInt(n)};
                target[q] = gaussian(random);
            }
            theta = new double[layout.size()];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = 0.4 * gaussian(random);
            }
        }

        /** The first flat index of the first pair's first row: an element the loss uses. */
        int firstUsed() {
            return pairs[0][0] * dim;
        }

        void add(List<ModesSuite.Case> cases, String bug, Consumer<double[]> mutate) {
            boolean firstOnly = mutate == FIRST_ROW_ONLY;
            cases.add(new ModesSuite.Case("embeddings (N = " + layout.size() + ")", bug, DifferentiableFunction.of(layout,
                    this::loss, p -> {
                        double[] g = gradient(p, firstOnly);
                        mutate.accept(g);
                        return g;
                    }), theta.clone()));
        }

        private double residual(double[] p, int q) {
            double dot = 0;
            for (int c = 0; c < dim; c++) {
                dot += p[pairs[q][0] * dim + c] * p[pairs[q][1] * dim + c];
            }
            return dot - target[q];
        }

        private double loss(double[] p) {
            double sum = 0;
            for (int q = 0; q < pairs.length; q++) {
                double r = residual(p, q);
                sum += r * r / 2;
            }
            return sum;
        }

        private double[] gradient(double[] p, boolean firstOnly) {
            double[] g = new double[p.length];
            for (int q = 0; q < pairs.length; q++) {
                double r = residual(p, q);
                int a = pairs[q][0] * dim;
                int b = pairs[q][1] * dim;
                for (int c = 0; c < dim; c++) {
                    g[a + c] += r * p[b + c];
                    if (!firstOnly) {
                        g[b + c] += r * p[a + c];
                    }
                }
            }
            return g;
        }
    }

    /** Mean of log cosh(⟨w, xₛ⟩ + c − yₛ) over a fixed batch; θ = (w, c). */
    static final class LogCosh {

        private final ParameterLayout layout;
        private final double[] theta;
        private final double[][] x;
        private final double[] y;

        LogCosh(int d, int m) {
            this.layout = ParameterLayout.builder().vector("w", d).scalar("c").build();
            SplittableRandom random = new SplittableRandom(1_414_213L);
            x = new double[m][d];
            y = new double[m];
            for (int s = 0; s < m; s++) {
                for (int i = 0; i < d; i++) {
                    x[s][i] = gaussian(random) / Math.sqrt(d);
                }
                y[s] = gaussian(random);
            }
            theta = new double[layout.size()];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = gaussian(random);
            }
        }

        void add(List<ModesSuite.Case> cases, String bug, Consumer<double[]> mutate) {
            cases.add(new ModesSuite.Case("log-cosh regression (N = " + layout.size() + ")", bug, DifferentiableFunction.of(layout,
                    this::loss, p -> {
                        double[] g = gradient(p);
                        mutate.accept(g);
                        return g;
                    }), theta.clone()));
        }

        private double residual(double[] p, int s) {
            int d = x[s].length;
            double sum = p[d] - y[s];
            for (int i = 0; i < d; i++) {
                sum += p[i] * x[s][i];
            }
            return sum;
        }

        private double loss(double[] p) {
            double sum = 0;
            for (int s = 0; s < x.length; s++) {
                double r = residual(p, s);
                // log cosh r, stably: |r| + log(1 + e^{−2|r|}) − log 2
                sum += Math.abs(r) + Math.log1p(Math.exp(-2 * Math.abs(r))) - Math.log(2);
            }
            return sum / x.length;
        }

        private double[] gradient(double[] p) {
            double[] g = new double[p.length];
            int d = p.length - 1;
            for (int s = 0; s < x.length; s++) {
                double t = Math.tanh(residual(p, s)) / x.length;
                for (int i = 0; i < d; i++) {
                    g[i] += t * x[s][i];
                }
                g[d] += t;
            }
            return g;
        }
    }
}
