package io.github.gradcheck.benchmarks;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.CheckMode;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a check costs beside its loss evaluations, what threads buy, and what localising one wrong
 * element costs in random-direction mode. Compare {@code fullCheck} with {@code lossEvaluations}
 * (2N of them, what a full check cannot avoid) at the same size, and {@code fullCheck} with
 * {@code threads} 1 and 2.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CheckBenchmarks {

    /** A model whose loss takes about 50 µs, at two sizes. */
    @State(Scope.Benchmark)
    public static class FullCheck {
        /** Hidden units: N = 33 × hidden + 1 with 31 inputs. */
        @Param({"16", "64"})
        public int hidden;
        @Param({"1", "2"})
        public int threads;
        Mlp model;
        double[] theta;
        GradientChecker checker;

        @Setup(Level.Trial)
        public void setUp() {
            // Batch chosen so that one loss evaluation takes roughly 50 µs whatever the size.
            model = new Mlp(31, hidden, Math.max(1, 1024 / hidden), 1, -1);
            theta = model.initialPoint(2);
            checker = GradientChecker.defaults().withThreads(threads);
        }
    }

    @Benchmark
    public GradientCheckReport fullCheck(FullCheck state) {
        return state.checker.check(state.model, state.theta);
    }

    /** 2N loss evaluations at perturbed points, in place: the floor under any full check. */
    @Benchmark
    public double lossEvaluations(FullCheck state) {
        double[] theta = state.theta.clone();
        double sum = 0;
        for (int i = 0; i < theta.length; i++) {
            double value = theta[i];
            theta[i] = value + 1e-6;
            sum += state.model.loss(theta);
            theta[i] = value - 1e-6;
            sum -= state.model.loss(theta);
            theta[i] = value;
        }
        return sum;
    }

    /**
     * The control for the speed-up: the same 2N loss evaluations split over two plain threads, each
     * on its own copy of θ. What two threads can gain on this machine at all, without a checker.
     */
    @Benchmark
    public double lossEvaluationsOnTwoThreads(FullCheck state) throws Exception {
        int n = state.theta.length;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(1);
        try {
            java.util.concurrent.Future<Double> second = pool.submit(() -> evaluate(state, n / 2, n));
            return evaluate(state, 0, n / 2) + second.get();
        } finally {
            pool.shutdownNow();
        }
    }

    private static double evaluate(FullCheck state, int from, int to) {
        double[] theta = state.theta.clone();
        double sum = 0;
        for (int i = from; i < to; i++) {
            double value = theta[i];
            theta[i] = value + 1e-6;
            sum += state.model.loss(theta);
            theta[i] = value - 1e-6;
            sum -= state.model.loss(theta);
            theta[i] = value;
        }
        return sum;
    }

    /** One wrong element among N, found in random-direction mode. */
    @State(Scope.Benchmark)
    public static class Localisation {
        /** Hidden units: N ≈ 1e3, 1e4, 1e5, 1e6 with 99 inputs. */
        @Param({"10", "100", "1000", "10000"})
        public int hidden;
        Mlp model;
        double[] theta;
        GradientChecker checker;

        @Setup(Level.Trial)
        public void setUp() {
            model = new Mlp(99, hidden, 1, 3, 7 * hidden + 5);
            theta = model.initialPoint(4);
            checker = GradientChecker.defaults().withMode(CheckMode.RANDOM_DIRECTIONS);
        }
    }

    @Benchmark
    public GradientCheckReport localiseOneWrongElement(Localisation state) {
        return state.checker.check(state.model, state.theta);
    }
}
