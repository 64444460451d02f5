package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.CheckMode;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.ElementVerdict;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import io.github.gradcheck.Precision;
import io.github.gradcheck.StepSize;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.report.TaylorTest;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Golden strings: the failure messages exactly as a user reads them. */
class ReportMessagesTest {

    private static final CheckSettings SETTINGS = new CheckSettings(StepSize.fixed(1e-7), Stencil.CENTERED,
            Precision.DOUBLE, 10, 1e-6, 1e-8, 10, 1, CheckMode.FULL, 16, 1, 0, Duration.ZERO);

    /** A made-up failed check: b's gradient is 4× too large, W is fine. */
    static GradientCheckReport failed() {
        return new GradientCheckReport("TinyNet", SETTINGS, CheckMode.FULL, 0.5, 2.0e-14, 0.2, 6,
                List.of(new BlockSummary("W", List.of(2, 2), 0, 4, 1.0e-8, 2.5e-8, 0, 0, 1, Diagnosis.none(),
                                new TaylorTest(List.of(1e-2, 5e-3), List.of(1e-6, 2.5e-7), 2.0)),
                        new BlockSummary("b", List.of(2), 4, 2, 0.6, 0.6, 2, 0, 0,
                                new Diagnosis(Diagnosis.Kind.SCALED, "analytic b ≈ 4.00 × numeric (fit residual 1.0e-09)", 4, 1e-9),
                                new TaylorTest(List.of(1e-2, 5e-3), List.of(1e-2, 5e-3), 1.0))),
                List.of(new Offender(5, "b", List.of(1), "b[1]", 0.4, 0.1, 0.3, 0.6, 2e-9, ElementVerdict.MISMATCH),
                        new Offender(4, "b", List.of(0), "b[0]", 2.0, 0.5, 1.5, 0.6, 3e-9, ElementVerdict.MISMATCH),
                        new Offender(1, "W", List.of(0, 1), "W[0,1]", -0.25, -0.25000001, 1e-8, 2e-8, 5e-9, ElementVerdict.MATCH)),
                List.of(), new double[] {1, -0.25, 0, 0, 2.0, 0.4}, new double[] {1, -0.25000001, 0, 0, 0.5, 0.1},
                22, 2, 24, Duration.ofMillis(3));
    }

    /** A made-up passed check, with one element at a kink. */
    static GradientCheckReport passed() {
        return new GradientCheckReport("TinyNet", SETTINGS, CheckMode.FULL, 0.5, 2.0e-14, 3.0e-9, 6,
                List.of(new BlockSummary("W", List.of(2, 2), 0, 4, 1.0e-9, 2.5e-9, 0, 1, 0, Diagnosis.none(),
                                new TaylorTest(List.of(1e-2, 5e-3), List.of(1e-6, 2.5e-7), 2.0)),
                        new BlockSummary("b", List.of(2), 4, 2, 4.0e-9, 5e-9, 0, 0, 0, Diagnosis.none(),
                                new TaylorTest(List.of(1e-2, 5e-3), List.of(0.0, 0.0), Double.NaN))),
                List.of(new Offender(5, "b", List.of(1), "b[1]", 0.4, 0.400000004, 4e-9, 5e-9, 2e-9, ElementVerdict.MATCH)),
                List.of("the Taylor test questions nothing here"), new double[] {1, -0.25, 0, 0, 2.0, 0.4},
                new double[] {1, -0.25, 0, 0, 2.0, 0.400000004}, 22, 2, 24, Duration.ofMillis(3));
    }

    private static final String FAILED_BODY = """
              2 of 6 elements mismatch beyond 10× their estimated numerical error: b (2), 1 too small to resolve
              difference 2.000e-01: almost surely a bug (course scale: ≲ 1e-7 great · ~1e-5 look closer · ≳ 1e-3 almost surely a bug)
              ε = 1e-7; centered differences; loss noise σ ≈ 2.0e-14

              block  shape  difference                       worst rel. error  mismatch  kink  unreliable  Taylor order
              b      2      6.000e-01   almost surely a bug  0.600             2/2       0     0           1.0
              W      2×2    1.000e-08   great                2.50e-08          0/4       0     1           2.0

              diagnosis:
                b: analytic b ≈ 4.00 × numeric (fit residual 1.0e-09)

              worst offenders (2 of 2 mismatches):
              #  index  parameter  analytic  numeric   abs. error  est. error  rel. error  verdict
              1  5      b[1]       0.400000  0.100000  0.300000    2.0e-09     0.600       mismatch
              2  4      b[0]       2.00000   0.500000  1.50000     3.0e-09     0.600       mismatch

              6 parameters, 22 loss evaluations, 2 gradient evaluations, 3.0 ms
            """.stripTrailing();

    @Test
    void passesShowsTheVerdictTheBlocksWorstFirstAndTheFailingOffenders() {
        assertThatThrownBy(() -> assertThat(failed()).passes())
                .isInstanceOf(AssertionError.class)
                .hasMessage("\nExpecting the analytic gradient of TinyNet to match its numeric gradient, but\n" + FAILED_BODY);
    }

    @Test
    void passesFailsWithTheWorstBlocksNumericAsExpectedAndAnalyticAsActualForTheIdesDiffViewer() {
        assertThatThrownBy(() -> assertThat(failed()).passes())
                .isInstanceOfSatisfying(AssertionFailedError.class, error -> {
                    Assertions.assertThat(error.isExpectedDefined()).isTrue();
                    Assertions.assertThat(error.getExpected().getValue()).isEqualTo("b[0]  0.500000\nb[1]  0.100000");
                    Assertions.assertThat(error.getActual().getValue()).isEqualTo("b[0]  2.00000\nb[1]  0.400000");
                });
    }

    @Test
    void aPercentSignInTheReportIsPrintedAsItIs() {
        GradientCheckReport named = new GradientCheckReport("Net 100%", failed().settings(), CheckMode.FULL, failed().loss(),
                failed().noise(), failed().difference(), 6, failed().blocks(), failed().worstOffenders(), List.of(),
                failed().gradient(), failed().numericGradient(), 22, 2, 24, Duration.ofMillis(3));

        assertThatThrownBy(() -> assertThat(named).as("50% off").passes())
                .hasMessageStartingWith("[50% off] \nExpecting the analytic gradient of Net 100% to match");
    }

    @Test
    void aDescriptionIsKeptAndAFailMessageReplacesTheMessage() {
        assertThatThrownBy(() -> assertThat(failed()).as("seed network").passes())
                .hasMessageStartingWith("[seed network] \nExpecting the analytic gradient of TinyNet");
        assertThatThrownBy(() -> assertThat(failed()).withFailMessage("gradient of %s is off", "b").passes())
                .hasMessage("gradient of b is off");
    }

    @Test
    void failsShowsThePassingSummaryWithTheElementsClosestToFailing() {
        assertThatThrownBy(() -> assertThat(passed()).fails())
                .hasMessage("""

                        Expecting the gradient check of TinyNet to fail (a wrong analytic gradient), but it passed:
                        TinyNet: PASSED
                          every element matches within 10× their estimated numerical error, 1 at a kink of the loss
                          difference 3.000e-09: great (course scale: ≲ 1e-7 great · ~1e-5 look closer · ≳ 1e-3 almost surely a bug)
                          ε = 1e-7; centered differences; loss noise σ ≈ 2.0e-14

                          block  shape  difference         worst rel. error  mismatch  kink  unreliable  Taylor order
                          b      2      4.000e-09   great  5.00e-09          0/2       0     0           flat
                          W      2×2    1.000e-09   great  2.50e-09          0/4       1     0           2.0

                          largest relative errors (no element mismatches):
                          #  index  parameter  analytic  numeric   abs. error   est. error  rel. error  verdict
                          1  5      b[1]       0.400000  0.400000  4.00000e-09  2.0e-09     5.00e-09    match

                          warnings:
                            - the Taylor test questions nothing here

                          6 parameters, 22 loss evaluations, 2 gradient evaluations, 3.0 ms""");
    }

    @Test
    void hasDifferenceBelowNamesTheLimitAndTheValue() {
        assertThatThrownBy(() -> assertThat(failed()).hasDifferenceBelow(0.001))
                .hasMessageStartingWith("\nExpecting the difference of TinyNet to be below 0.001, but it was 2.000e-01:\n"
                        + "TinyNet: FAILED\n");
        assertThatThrownBy(() -> assertThat(failed()).block("b").hasDifferenceBelow(0.5))
                .hasMessageStartingWith("\nExpecting the difference of block b of TinyNet to be below 0.5, but it was 6.000e-01:\n");
    }

    @Test
    void blockAssertionsNameTheBlockAndItsFailingElements() {
        assertThatThrownBy(() -> assertThat(failed()).block("b").passes())
                .hasMessageStartingWith("\nExpecting block b of TinyNet to pass, but 2 of its 2 elements mismatch"
                        + " (difference 6.000e-01, almost surely a bug):\nTinyNet: FAILED\n");
        assertThatThrownBy(() -> assertThat(failed()).block("W").fails())
                .hasMessageStartingWith("\nExpecting block W of TinyNet to fail, but every element matches"
                        + " (difference 1.000e-08, great):\n");
        assertThatThrownBy(() -> assertThat(failed()).block("c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TinyNet has no parameter block named 'c'; its blocks are [W, b]");
    }

    @Test
    void hasFailingBlocksListsExpectedAndActual() {
        assertThat(failed()).hasFailingBlocks("b");
        assertThatThrownBy(() -> assertThat(failed()).hasFailingBlocks("W", "b"))
                .hasMessageStartingWith("\nExpecting exactly the blocks [W, b] of TinyNet to fail, but the failing blocks are [b]:\n");
    }

    @Test
    void hasFailingBlocksNeedsExactlyTheNamedBlocksToFailWhateverTheRepeats() {
        // W and b both fail: naming b twice must not stand in for W.
        assertThatThrownBy(() -> assertThat(failedInWAndB()).hasFailingBlocks("b", "b"))
                .hasMessageStartingWith("\nExpecting exactly the blocks [b] of TinyNet to fail, but the failing blocks are"
                        + " [W, b]:\nTinyNet: FAILED\n  3 of 6 elements mismatch beyond 10× their estimated numerical error:"
                        + " b (2), W (1)\n");
        assertThat(failedInWAndB()).hasFailingBlocks("b", "W", "b");
        assertThatThrownBy(() -> assertThat(failedInWAndB()).hasFailingBlocks("W", "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TinyNet has no parameter block named 'c'; its blocks are [W, b]");
    }

    /** {@link #failed()}, but with W[0,1] a mismatch too. */
    private static GradientCheckReport failedInWAndB() {
        GradientCheckReport failed = failed();
        BlockSummary w = failed.blocks().get(0);
        Offender w01 = failed.worstOffenders().get(2);
        return new GradientCheckReport("TinyNet", SETTINGS, CheckMode.FULL, 0.5, 2.0e-14, 0.2, 6,
                List.of(new BlockSummary("W", w.shape(), 0, 4, 0.3, 0.6, 1, 0, 0, Diagnosis.none(), w.taylor()),
                        failed.blocks().get(1)),
                List.of(failed.worstOffenders().get(0), failed.worstOffenders().get(1),
                        new Offender(1, "W", w01.position(), "W[0,1]", -0.25, 0.25, 0.5, 1.0, 5e-9, ElementVerdict.MISMATCH)),
                List.of(), new double[] {1, -0.25, 0, 0, 2.0, 0.4}, new double[] {1, 0.25, 0, 0, 0.5, 0.1},
                22, 2, 24, Duration.ofMillis(3));
    }

    @Test
    void hasWorstOffenderInNamesTheWorstElement() {
        assertThat(failed()).hasWorstOffenderIn("b");
        assertThatThrownBy(() -> assertThat(failed()).hasWorstOffenderIn("W"))
                .hasMessageStartingWith("\nExpecting the worst offender of TinyNet to be in block W, but it is b[1]:\n");
    }

    @Test
    void passingAssertionsReturnForChaining() {
        assertThat(passed()).passes().hasDifferenceBelow(1e-8).hasFailingBlocks();
        assertThat(failed()).fails().block("W").passes().hasDifferenceBelow(1e-7);
    }

    @Test
    void aNullReportFailsAsAssertJDoes() {
        assertThatThrownBy(() -> assertThat(null).passes()).hasMessageContaining("Expecting actual not to be null");
    }
}
