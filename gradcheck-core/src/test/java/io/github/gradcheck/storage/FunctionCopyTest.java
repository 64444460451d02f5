package io.github.gradcheck.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A function that keeps a scratch buffer cannot be shared between threads; it says how a worker
 * copies it, and each worker evaluates its own copy.
 */
class FunctionCopyTest {

    private static final int N = 96;

    /** J = Σ sin(θᵢ)·(i + 1), computed through a scratch buffer and recording which thread used which instance. */
    private static final class Scratch implements DifferentiableFunction {

        private final double[] scratch = new double[N];
        private final Set<String> uses;
        private final boolean copies;

        Scratch(Set<String> uses, boolean copies) {
            this.uses = uses;
            this.copies = copies;
        }

        @Override
        public ParameterLayout layout() {
            return ParameterLayout.builder().vector("theta", N).build();
        }

        @Override
        public double loss(double[] parameters) {
            uses.add(System.identityHashCode(this) + "@" + Thread.currentThread().getId());
            // 20 µs per loss: a check uses threads only where its elements' work comes to 1 ms or more.
            long until = System.nanoTime() + 20_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            double sum = 0;
            for (int i = 0; i < N; i++) {
                scratch[i] = Math.sin(parameters[i]) * (i + 1);
            }
            for (double term : scratch) {
                sum += term;
            }
            return sum;
        }

        @Override
        public double[] gradient(double[] parameters) {
            double[] gradient = new double[N];
            for (int i = 0; i < N; i++) {
                gradient[i] = Math.cos(parameters[i]) * (i + 1);
            }
            return gradient;
        }

        @Override
        public DifferentiableFunction copy() {
            return copies ? new Scratch(uses, true) : null;
        }
    }

    private static double[] point() {
        double[] theta = new double[N];
        for (int i = 0; i < N; i++) {
            theta[i] = 0.03 * i - 1;
        }
        return theta;
    }

    @Test
    void eachWorkerEvaluatesItsOwnCopy() {
        Set<String> uses = ConcurrentHashMap.newKeySet();

        GradientCheckReport report = GradientChecker.defaults().withThreads(3).check(new Scratch(uses, true), point());

        assertThat(report.passed()).isTrue();
        long instances = uses.stream().map(use -> use.substring(0, use.indexOf('@'))).distinct().count();
        long threads = uses.stream().map(use -> use.substring(use.indexOf('@') + 1)).distinct().count();
        // 96 elements make three chunks, each on its own instance: the original and two copies. The
        // chunks run on the calling thread and the JVM's shared workers (processors − 1 of them).
        assertThat(instances).isEqualTo(3);
        assertThat(uses).hasSize(3);        // no instance on two threads
        assertThat(threads).isBetween(1L, (long) Math.min(3, Math.max(2, Runtime.getRuntime().availableProcessors())));
    }

    @Test
    void aNullCopyIsRefusedByName() {
        assertThatThrownBy(() -> GradientChecker.defaults().withThreads(2).check(new Scratch(ConcurrentHashMap.newKeySet(), false),
                point()))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("Scratch.copy() returned null; it must return an independent copy, or use withThreads(1)");
    }
}
