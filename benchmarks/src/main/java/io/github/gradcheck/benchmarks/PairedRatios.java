package io.github.gradcheck.benchmarks;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The ratios the README states, measured by an interleaved paired harness: in each round the two
 * things compared run back to back (each repeated until it has taken about {@code roundMillis}),
 * and the round's ratio is taken; the median and the quartiles of the ratios over the rounds are
 * printed. On a shared machine whose speed drifts from second to second, two JMH scores taken
 * minutes apart can differ by 2× (0.68 to 1.95 for the same ratio); a ratio within one round sees
 * the same machine on both sides. Work on one thread (the overhead ratios) is timed in the thread's
 * CPU time, which a shared machine's other processes lengthen far less than the wall clock; the
 * speed-ups on two threads, in wall-clock time.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.gradcheck.benchmarks.PairedRatios [rounds]}.
 */
public final class PairedRatios {

    private static final long ROUND_NANOS = 40_000_000L;
    private static int rounds = 41;
    private static volatile double sink;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final LongSupplier WALL = System::nanoTime;
    private static final LongSupplier CPU = THREADS::getCurrentThreadCpuTime;

    private PairedRatios() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            rounds = Integer.parseInt(args[0]);
        }
        String only = args.length > 1 ? args[1] : "all";
        System.out.println("Each ratio: median [first quartile, third quartile] over " + rounds + " rounds after "
                + "warm-up; " + Runtime.getRuntime().availableProcessors() + " processors.");
        if (only.equals("all") || only.equals("overhead") || only.equals("small")) {
            for (int features : new int[] {9, 20, 49}) {
                LogisticRegression model = new LogisticRegression(features, 50, 1);
                overhead("logistic regression", model, model.initialPoint(2));
            }
        }
        if (only.equals("all") || only.equals("overhead")) {
            for (int hidden : new int[] {16, 64}) {
                Mlp model = new Mlp(31, hidden, Math.max(1, 1024 / hidden), 1, -1);
                overhead("two-layer perceptron", model, model.initialPoint(2));
            }
        }
        if (only.equals("all") || only.equals("threads")) {
            for (int hidden : new int[] {16, 64}) {
                Mlp model = new Mlp(31, hidden, Math.max(1, 1024 / hidden), 1, -1);
                threads("two-layer perceptron", model, model.initialPoint(2));
            }
        }
        if (only.equals("all") || only.equals("crossover")) {
            for (int[] size : new int[][] {{8, 1}, {16, 1}, {32, 1}, {64, 1}, {32, 16}}) {
                Mlp model = new Mlp(31, size[0], size[1], 1, -1);
                threads("two-layer perceptron", model, model.initialPoint(2));
            }
        }
    }

    /**
     * A full check on one thread against its 2N loss evaluations in a bare loop, and against every
     * evaluation it makes (the 2N, its fixed loss evaluations at θ and its gradient evaluations) in a
     * bare loop: the first ratio is what a check costs over the floor, the second what the checker's
     * own work costs over the evaluations it counts.
     */
    private static void overhead(String name, DifferentiableFunction model, double[] theta) {
        GradientChecker checker = GradientChecker.defaults().withThreads(1);
        GradientCheckReport report = checker.check(model, theta);
        int fixed = (int) report.lossEvaluations() - 2 * theta.length;
        int gradients = (int) report.gradientEvaluations();
        Rounds overBare = paired(CPU, () -> checker.check(model, theta).noise(), () -> bare(model, theta, 0, theta.length));
        Rounds overAll = paired(CPU, () -> checker.check(model, theta).noise(),
                () -> bare(model, theta, 0, theta.length) + atTheta(model, theta, fixed, gradients));
        System.out.printf("overhead  %-22s N = %5d, loss %6.1f µs, %d loss + %d gradient evaluations (2N = %d): "
                        + "check / 2N bare = %s (check %s µs, 2N bare %s µs), check / all its evaluations bare = %s%n",
                name, theta.length, lossMicros(model, theta), report.lossEvaluations(), gradients, 2 * theta.length,
                quartiles(overBare.ratios()), median(overBare.first()), median(overBare.second()), quartiles(overAll.ratios()));
    }

    /** {@code losses} loss and {@code gradients} gradient evaluations at θ. */
    private static double atTheta(DifferentiableFunction model, double[] theta, int losses, int gradients) {
        double[] point = theta.clone();
        double sum = 0;
        for (int k = 0; k < losses; k++) {
            sum += model.loss(point);
        }
        for (int k = 0; k < gradients; k++) {
            sum += model.gradient(point)[0];
        }
        return sum;
    }

    /** A full check on one thread against the same on two, and the control: 2N bare evaluations on one thread and two. */
    private static void threads(String name, DifferentiableFunction model, double[] theta) throws Exception {
        GradientChecker one = GradientChecker.defaults().withThreads(1);
        GradientChecker two = GradientChecker.defaults().withThreads(2);
        double[] check = paired(WALL, () -> one.check(model, theta).noise(), () -> two.check(model, theta).noise()).ratios();
        ExecutorService pool = Executors.newFixedThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "control");
            thread.setDaemon(true);
            return thread;
        });
        try {
            int n = theta.length;
            double[] control = paired(WALL, () -> bare(model, theta, 0, n), () -> {
                Future<Double> second = pool.submit(() -> bare(model, theta, n / 2, n));
                double first = bare(model, theta, 0, n / 2);
                try {
                    return first + second.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).ratios();
            System.out.printf("threads   %-22s N = %5d, loss %6.1f µs, 2N·loss = %7.2f ms: speed-up on 2 threads = %s,"
                            + " control (bare loop on 2 plain threads) = %s%n", name, n, lossMicros(model, theta),
                    2 * n * lossMicros(model, theta) / 1e3, quartiles(check), quartiles(control));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Per round, the time of one {@code a} over the time of one {@code b}, each repeated for about
     * half a round; after a second of warm-up for each, and as many repeats chosen from warm timings.
     * The rounds' times are kept beside their ratios: a ratio alone does not show the state the
     * machine was in (on this one, a bare loop's time moves by up to 1.7× from run to run, with no
     * steal time visible inside the VM, and the ratio with it).
     */
    private static Rounds paired(LongSupplier clock, DoubleSupplier a, DoubleSupplier b) {
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            time(clock, a, 1);
            time(clock, b, 1);
        }
        int repeatsA = repeats(clock, a);
        int repeatsB = repeats(clock, b);
        double[] ratios = new double[rounds];
        double[] first = new double[rounds];
        double[] second = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            first[r] = (double) time(clock, a, repeatsA) / repeatsA / 1e3;
            second[r] = (double) time(clock, b, repeatsB) / repeatsB / 1e3;
            ratios[r] = first[r] / second[r];
        }
        return new Rounds(ratios, first, second);
    }

    /** Each round's ratio, and the times of its two sides in µs. */
    private record Rounds(double[] ratios, double[] first, double[] second) {
    }

    /** How often to repeat {@code work} to fill half a round, from the fastest of a few warm runs. */
    private static int repeats(LongSupplier clock, DoubleSupplier work) {
        long fastest = Long.MAX_VALUE;
        for (int k = 0; k < 5; k++) {
            fastest = Math.min(fastest, time(clock, work, 1));
        }
        return (int) Math.max(1, ROUND_NANOS / 2 / Math.max(1, fastest));
    }

    private static long time(LongSupplier clock, DoubleSupplier work, int repeats) {
        long start = clock.getAsLong();
        double sum = 0;
        for (int k = 0; k < repeats; k++) {
            sum += work.getAsDouble();
        }
        sink += sum;
        return clock.getAsLong() - start;
    }

    /** 2 (to − from) loss evaluations, element by element ± a step, in place: what a full check cannot avoid. */
    private static double bare(DifferentiableFunction model, double[] theta, int from, int to) {
        double[] point = theta.clone();
        double sum = 0;
        for (int i = from; i < to; i++) {
            double value = point[i];
            point[i] = value + 1e-6;
            sum += model.loss(point);
            point[i] = value - 1e-6;
            sum -= model.loss(point);
            point[i] = value;
        }
        return sum;
    }

    private static double lossMicros(DifferentiableFunction model, double[] theta) {
        int n = 20_000;
        double sum = 0;
        long start = CPU.getAsLong();
        for (int k = 0; k < n; k++) {
            sum += model.loss(theta);
        }
        sink += sum;
        return (CPU.getAsLong() - start) / 1e3 / n;
    }

    private static String median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format("%.0f", sorted[sorted.length / 2]);
    }

    private static String quartiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return String.format("%.2f [%.2f, %.2f]", sorted[n / 2], sorted[n / 4], sorted[3 * n / 4]);
    }
}
