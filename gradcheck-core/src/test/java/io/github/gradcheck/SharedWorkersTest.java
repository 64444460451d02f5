package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.report.GradientCheckReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Checks running at once share the JVM's worker threads instead of each making its own, make the
 * copies their settings say whatever else runs, and give the serial results, bit for bit.
 */
class SharedWorkersTest {

    /** The documented cap: one fewer than the processors (the calling thread is one), at least one. */
    private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

    @Test
    void concurrentChecksDoNotMultiplyThreads() throws Exception {
        int checks = 4;
        GradientCheckReport serial = GradientChecker.defaults().withThreads(1).check(new CheckModesTest.BigCopyable(200));
        List<CheckModesTest.BigCopyable> models = new ArrayList<>();
        for (int c = 0; c < checks; c++) {
            models.add(new CheckModesTest.BigCopyable(200));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(checks);
        try {
            List<Future<GradientCheckReport>> reports = new ArrayList<>();
            for (CheckModesTest.BigCopyable model : models) {
                reports.add(callers.submit(() -> {
                    start.await();
                    return GradientChecker.defaults().withThreads(3).check(model);
                }));
            }
            start.countDown();
            for (Future<GradientCheckReport> report : reports) {
                assertThat(CheckModesTest.bits(report.get().numericGradient()))
                        .containsExactly(CheckModesTest.bits(serial.numericGradient()));
                assertThat(report.get().lossEvaluations()).isEqualTo(serial.lossEvaluations());
            }
        } finally {
            callers.shutdownNow();
        }

        // 4 checks on 3 threads each would have made 8 threads of their own; they made at most the pool's.
        assertThat(workerThreads()).isBetween(1L, (long) WORKERS);
        // Each check split its 200 elements in 3 chunks, each on its own model: 2 copies, whatever ran beside it.
        assertThat(models).allSatisfy(model -> assertThat(model.copies).isEqualTo(2));
    }

    @Test
    void aCheckTooCheapForThreadsMakesNoCopy() {
        // 64 elements, enough for 2 chunks of 32, but a loss of well under a microsecond: 128 evaluations
        // are far below the 1 ms that pays for a thread, so the check runs on the calling thread alone.
        CheapCopyable cheap = new CheapCopyable(64);
        GradientCheckReport report = GradientChecker.defaults().withThreads(2).check(cheap);
        assertThat(report.passed()).isTrue();
        assertThat(cheap.copies).isZero();
    }

    private static long workerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith("gradcheck-worker-"))
                .count();
    }

    /** J = Σ xᵢ²/2, as cheap as a loss gets. */
    static final class CheapCopyable implements CopyableModel {
        private final double[] values;
        int copies;

        CheapCopyable(int n) {
            values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = Math.cos(0.9 * i);
            }
        }

        @Override
        public DifferentiableModel copy() {
            copies++;
            CheapCopyable copy = new CheapCopyable(values.length);
            System.arraycopy(values, 0, copy.values, 0, values.length);
            return copy;
        }

        @Override
        public ParameterArrays parameters() {
            return ParameterArrays.builder().add("x", values).build();
        }

        @Override
        public double loss() {
            double sum = 0;
            for (double value : values) {
                sum += value * value / 2;
            }
            return sum;
        }

        @Override
        public ParameterArrays gradient() {
            return ParameterArrays.builder().add("x", values.clone()).build();
        }
    }
}
