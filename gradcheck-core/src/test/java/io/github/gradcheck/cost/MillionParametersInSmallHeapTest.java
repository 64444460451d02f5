package io.github.gradcheck.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.report.ElementVerdict;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A full check of a million parameters runs in a JVM of {@code -Xmx64m}: the check keeps about 33
 * bytes per parameter at its peak (the original θ, the gradient, the numeric gradient, the estimated
 * errors and the verdicts), the model's own θ 8 more. Before the check stopped keeping an object
 * per element, a scale array, copies of the checked values and of the report's arrays and a Taylor
 * direction per block, the same check needed {@code -Xmx211m} (measured: the smallest heap it ran
 * in; now 47m). A failing check also evaluates the gradient at θ ± η to judge its mismatches at
 * coinciding kinks (the model allocates a gradient of its own for each), and diagnoses its failing
 * block in place ({@code BlockDiagnosis} reads the check's arrays, no copy of the block): a failing
 * block of a million runs in 68m on JDK 17 and 64m on JDK 25 (112m while the diagnosis worked on
 * copies), asserted in 80m. Each check runs in a JVM of its own (this test's class path, the default collector), so
 * the heap limit is real; what the test asserts is what the user sees there: the verdict, the
 * elements checked, the evaluations, the worst offender.
 */
class MillionParametersInSmallHeapTest {

    private static final int N = 1_000_000;

    @Test
    void aCorrectModelPassesInSixtyFourMegabytes() throws Exception {
        List<String> lines = runInSmallHeap("correct", 64);

        assertThat(lines).contains("passed true", "checked " + N, "offender none");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("loss evaluations 20000"));
    }

    @Test
    void aWrongGradientFailsIn80MegabytesAndNamesItsElement() throws Exception {
        List<String> lines = runInSmallHeap("wrong", 80);

        assertThat(lines).contains("passed false", "checked " + N, "offender theta[3] MISMATCH");
    }

    /**
     * The partial modes keep 16 bytes per parameter at their peak: the original θ and the gradient
     * (their results are held for the checked elements only, their noise and Taylor directions cover
     * 4,096 coordinates, the search's are drawn from their seeds). With the model's θ (8 MB) and the
     * array its gradient() returns (8 MB, while it is copied) that is 32 MB: the smallest heap that
     * runs either mode on the benchmarks' {@code Footprint} model is 37m (before: 59m for random directions, 73m for
     * sampled), asserted here in 40m.
     */
    @ParameterizedTest
    @ValueSource(strings = {"random-directions", "sampled"})
    void aPartialCheckPassesACorrectModelInFortyMegabytes(String mode) throws Exception {
        List<String> lines = runInSmallHeap("correct", 40, mode);

        assertThat(lines).contains("passed true", "offender none");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("checked ").doesNotEndWith(" " + N));
    }

    @ParameterizedTest
    @ValueSource(strings = {"random-directions", "sampled"})
    void aPartialCheckFailsAWrongGradientInFortyMegabytesAndNamesItsElement(String mode) throws Exception {
        List<String> lines = runInSmallHeap("wrong", 40, mode);

        assertThat(lines).contains("passed false", "offender theta[3] MISMATCH");
    }

    /** Runs {@link Check} with a heap of {@code megabytes} and this test's class path; its output lines, after it exited with 0. */
    private static List<String> runInSmallHeap(String variant, int megabytes) throws IOException, InterruptedException {
        return runInSmallHeap(variant, megabytes, "full");
    }

    /** {@link #runInSmallHeap(String, int)} in {@code mode} (as {@code gradcheck.mode} spells it). */
    private static List<String> runInSmallHeap(String variant, int megabytes, String mode) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-Xmx" + megabytes + "m", "-cp", System.getProperty("java.class.path"),
                Check.class.getName(), variant, String.valueOf(megabytes), mode).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the check finished in time").isTrue();
        assertThat(process.exitValue()).as("exit value; output:%n%s", output).isZero();
        return output.lines().toList();
    }

    /** The check in the small heap: one check of {@link SparseModel} on one thread in the mode given, its report in a few lines. */
    public static final class Check {

        private Check() {
        }

        public static void main(String[] args) {
            long megabytes = Long.parseLong(args[1]);
            if (Runtime.getRuntime().maxMemory() > megabytes << 20) {
                throw new IllegalStateException("the heap is " + Runtime.getRuntime().maxMemory() + " bytes, not " + megabytes + " MiB");
            }
            GradientCheckReport report = GradientChecker.defaults().withThreads(1)
                    .withMode(CheckMode.valueOf(args[2].toUpperCase(Locale.ROOT).replace('-', '_')))
                    .check(new SparseModel(N, args[0].equals("wrong")));
            System.out.println("passed " + report.passed());
            System.out.println("checked " + report.checkedElements());
            System.out.println("loss evaluations " + report.lossEvaluations());
            List<Offender> offenders = report.worstOffenders();
            System.out.println(offenders.isEmpty() || offenders.get(0).verdict() != ElementVerdict.MISMATCH
                    ? "offender none" : "offender " + offenders.get(0).parameter() + " " + offenders.get(0).verdict());
        }
    }

    /**
     * J = Σ over 16 of the parameters of sin(θᵢ)·θᵢ + θᵢ²/2 (the others are read by nobody, so a
     * check's cost is its own); {@code wrong}: the gradient of θ₃ forgets its θ₃ term.
     */
    static final class SparseModel implements DifferentiableModel {

        private static final int READ = 16;
        private final double[] theta;
        private final boolean wrong;

        SparseModel(int n, boolean wrong) {
            this.theta = new double[n];
            this.wrong = wrong;
            for (int i = 0; i < n; i++) {
                theta[i] = 0.5 * Math.cos(0.7 * i) + 0.01 * (i % 13);
            }
        }

        @Override
        public ParameterArrays parameters() {
            return ParameterArrays.builder().add("theta", theta).build();
        }

        @Override
        public double loss() {
            double sum = 0;
            for (int i = 0; i < READ; i++) {
                sum += Math.sin(theta[i]) * theta[i] + theta[i] * theta[i] / 2;
            }
            return sum;
        }

        @Override
        public ParameterArrays gradient() {
            double[] gradient = new double[theta.length];
            for (int i = 0; i < READ; i++) {
                gradient[i] = Math.cos(theta[i]) * theta[i] + Math.sin(theta[i]) + (wrong && i == 3 ? 0 : theta[i]);
            }
            return ParameterArrays.builder().add("theta", gradient).build();
        }
    }
}
