package io.github.gradcheck.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.cost.MillionParametersInSmallHeapTest.SparseModel;
import io.github.gradcheck.report.GradientCheckReport;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What a full check allocates per parameter, on one thread, once the JIT has compiled it: under 100
 * bytes (issue 12's bound). Measured 52 with the centered stencil, whose correct check ends after its
 * first looks, and 68 with the five-point stencil, on JDK 17 and 25 alike (221 before the first looks
 * stopped returning objects; 100.1 on JDK 25 for five points while a first look still handed the
 * results a result object, which that JDK's escape analysis kept): the arrays of N that a check needs
 * (θ's copy, the gradient, the numeric gradient, the estimated errors, the verdicts; with five
 * points, the noise estimate's and the Taylor test's directions) plus the model's own two gradients,
 * and no object per element. Allocation on one thread is
 * deterministic, unlike time; the median of five checks leaves room for a collection or a
 * recompilation in the middle of one.
 */
class AllocationPerParameterTest {

    private static final int N = 100_000;
    private static final double BOUND = 100;

    @Test
    void aFullCheckAllocatesUnderOneHundredBytesPerParameter() throws ReflectiveOperationException {
        assertUnderBound(GradientChecker.defaults().withThreads(1));
    }

    /** The five-point stencil's four losses per element are passed as primitives too (197 bytes before, 333 before that). */
    @Test
    void aFivePointCheckAllocatesUnderOneHundredBytesPerParameter() throws ReflectiveOperationException {
        assertUnderBound(GradientChecker.defaults().withThreads(1).withStencil(Stencil.FIVE_POINT));
    }

    private static void assertUnderBound(GradientChecker checker) throws ReflectiveOperationException {
        SparseModel model = new SparseModel(N, false);
        ThreadBytes bytes = new ThreadBytes();
        for (int warmUp = 0; warmUp < 30; warmUp++) {
            assertThat(checker.check(model).passed()).isTrue();
        }
        double[] perParameter = new double[5];
        for (int r = 0; r < perParameter.length; r++) {
            long before = bytes.allocated();
            GradientCheckReport report = checker.check(model);
            perParameter[r] = (bytes.allocated() - before) / (double) N;
            assertThat(report.passed()).isTrue();
            assertThat(report.checkedElements()).isEqualTo(N);
        }
        Arrays.sort(perParameter);

        assertThat(perParameter[perParameter.length / 2]).as("bytes allocated per parameter, median of %s",
                Arrays.toString(perParameter)).isLessThan(BOUND);
    }

    /**
     * The bytes this thread has allocated, from the JDK's {@code com.sun.management.ThreadMXBean},
     * found by reflection: the module under test does not read {@code java.management}.
     */
    private static final class ThreadBytes {

        private final Object bean;
        private final Method allocated;

        ThreadBytes() throws ReflectiveOperationException {
            bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        }

        long allocated() throws ReflectiveOperationException {
            return (Long) allocated.invoke(bean);
        }
    }
}
