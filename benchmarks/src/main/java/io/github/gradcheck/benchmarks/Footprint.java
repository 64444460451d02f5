package io.github.gradcheck.benchmarks;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.report.GradientCheckReport;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * What a check costs besides its loss evaluations, on a model whose loss reads only 16 of its N
 * parameters (so that the check's own work is what is timed): bytes allocated per parameter by one
 * check on one thread, and the CPU time of a check in each mode. Peak memory is found from outside,
 * as the smallest {@code -Xmx} under which {@code Footprint N full once} completes.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.gradcheck.benchmarks.Footprint 1000000 [mode] [once|measure] [rounds]
 * [reads]} (15 rounds and a loss that reads 16 parameters unless given).
 */
public final class Footprint {

    private static volatile double sink;

    private Footprint() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        CheckMode mode = args.length > 1 ? CheckMode.valueOf(args[1].toUpperCase().replace('-', '_')) : CheckMode.FULL;
        boolean once = args.length > 2 && args[2].equals("once");
        // More rounds where the check's own time is a small difference of two long times (a full check).
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        // Fewer parameters read, a cheaper loss: the check's own time is then most of what is timed.
        int reads = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        SparseLoss model = new SparseLoss(n, reads);
        GradientChecker checker = GradientChecker.defaults().withThreads(1).withMode(mode);
        if (once) {
            GradientCheckReport report = checker.check(model);
            System.out.println("passed " + report.passed() + ", " + report.lossEvaluations() + " loss evaluations");
            return;
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            sink += checker.check(model).noise();
        }
        long evaluations = 0;
        long gradientEvaluations = 0;
        double[] millis = new double[rounds];
        double[] bytes = new double[rounds];
        double[] own = new double[rounds];
        double[] lossMillis = new double[rounds];
        double[] gradientMillis = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long cpu = threads.getCurrentThreadCpuTime();
            GradientCheckReport report = checker.check(model);
            millis[r] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
            bytes[r] = (threads.getCurrentThreadAllocatedBytes() - allocated) / (double) n;
            sink += report.noise();
            // In the same round, the model's own share of it: the same loss and gradient evaluations in a
            // bare loop, so that the checker's own time is a difference taken on the same machine minute.
            long start = threads.getCurrentThreadCpuTime();
            sink += model.losses(report.lossEvaluations());
            long between = threads.getCurrentThreadCpuTime();
            // The model's gradient() allocates and fills an array of N: the model's time, not the checker's.
            for (long k = 0; k < report.gradientEvaluations(); k++) {
                sink += model.gradient().layout().size();
            }
            lossMillis[r] = (between - start) / 1e6;
            gradientMillis[r] = (threads.getCurrentThreadCpuTime() - between) / 1e6;
            own[r] = millis[r] - lossMillis[r] - gradientMillis[r];
            evaluations = report.lossEvaluations();
            gradientEvaluations = report.gradientEvaluations();
        }
        Arrays.sort(gradientMillis);
        Arrays.sort(lossMillis);
        Arrays.sort(millis);
        Arrays.sort(bytes);
        Arrays.sort(own);
        System.out.printf("N = %d, %s: check %.1f ms [%.1f, %.1f] CPU (its %d loss evaluations bare: %.1f ms, its %d gradient"
                        + " evaluations bare: %.1f ms), checker's own %.1f ms [%.1f, %.1f] = %.3f µs per parameter,"
                        + " %.1f bytes allocated per parameter%n", n, mode, millis[rounds / 2],
                millis[rounds / 4], millis[3 * rounds / 4], evaluations, lossMillis[rounds / 2], gradientEvaluations,
                gradientMillis[rounds / 2], own[rounds / 2], own[rounds / 4], own[3 * rounds / 4], own[rounds / 2] * 1e3 / n,
                bytes[rounds / 2]);
    }

    /** J = Σ over the first {@code reads} parameters of sin(θᵢ)·θᵢ; the others are read by nobody (gradient 0). */
    static final class SparseLoss implements DifferentiableModel {

        private final double[] theta;
        private final int reads;

        SparseLoss(int n, int reads) {
            this.reads = reads;
            theta = new double[n];
            for (int i = 0; i < n; i++) {
                theta[i] = Math.sin(0.37 * i) * (1 + i % 7);
            }
        }

        @Override
        public ParameterArrays parameters() {
            return ParameterArrays.builder().add("theta", theta).build();
        }

        /**
         * {@code count} loss evaluations as a hand-written check makes them, each with one element
         * moved by ±1e-6 and put back (elements 0, 0, 1, 1, …, round again): with θ written between
         * them, the JIT cannot take the loss out of the loop as a value that does not change, which a
         * loop of {@code loss()} at an unchanged θ lets it do.
         */
        double losses(long count) {
            double sum = 0;
            for (long k = 0; k < count; k++) {
                int i = (int) ((k / 2) % theta.length);
                double value = theta[i];
                theta[i] = value + ((k & 1) == 0 ? 1e-6 : -1e-6);
                sum += loss();
                theta[i] = value;
            }
            return sum;
        }

        @Override
        public double loss() {
            double sum = 0;
            for (int i = 0; i < reads; i++) {
                sum += Math.sin(theta[i]) * theta[i];
            }
            return sum;
        }

        @Override
        public ParameterArrays gradient() {
            double[] g = new double[theta.length];
            for (int i = 0; i < reads; i++) {
                g[i] = Math.cos(theta[i]) * theta[i] + Math.sin(theta[i]);
            }
            return ParameterArrays.builder().add("theta", g).build();
        }
    }
}
