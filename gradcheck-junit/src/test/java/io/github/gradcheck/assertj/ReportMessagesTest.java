package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden strings: the failure messages exactly as a user reads them. */
class ReportMessagesTest {

    /** A made-up failed check: b's gradient is 4× too large, W is fine. */
    static GradientCheckReport failed() {
        return new GradientCheckReport("TinyNet", new CheckSettings(1e-7, 1e-6, 1e-8, 10), 0.5, 0.2, false,
                List.of(new BlockSummary("W", List.of(2, 2), 0, 4, 1.0e-8, 2.5e-8, 0, true),
                        new BlockSummary("b", List.of(2), 4, 2, 0.6, 0.6, 2, false)),
                List.of(new Offender(5, "b", List.of(1), "b[1]", 0.4, 0.1, 0.3, 0.6, true),
                        new Offender(4, "b", List.of(0), "b[0]", 2.0, 0.5, 1.5, 0.6, true),
                        new Offender(1, "W", List.of(0, 1), "W[0,1]", -0.25, -0.25000001, 1e-8, 2e-8, false)),
                2, new double[] {1, -0.25, 0, 0, 2.0, 0.4}, new double[] {1, -0.25000001, 0, 0, 0.5, 0.1},
                13, 1, Duration.ofMillis(3));
    }

    /** A made-up passed check. */
    static GradientCheckReport passed() {
        return new GradientCheckReport("TinyNet", new CheckSettings(1e-7, 1e-6, 1e-8, 10), 0.5, 3.0e-9, true,
                List.of(new BlockSummary("W", List.of(2, 2), 0, 4, 1.0e-9, 2.5e-9, 0, true),
                        new BlockSummary("b", List.of(2), 4, 2, 4.0e-9, 5e-9, 0, true)),
                List.of(new Offender(5, "b", List.of(1), "b[1]", 0.4, 0.400000004, 4e-9, 5e-9, false)),
                0, new double[] {1, -0.25, 0, 0, 2.0, 0.4}, new double[] {1, -0.25, 0, 0, 2.0, 0.400000004},
                13, 1, Duration.ofMillis(3));
    }

    private static final String FAILED_BODY = """
              difference 2.000e-01 > threshold 1e-6 (ε = 1e-7): almost surely a bug
              (course scale: ≲ 1e-7 great · ~1e-5 look closer · ≳ 1e-3 almost surely a bug)

              block  shape  difference                       worst rel. error  elements failing
              b      2      6.000e-01   almost surely a bug  0.600             2/2
              W      2×2    1.000e-08   great                2.50e-08          0/4

              worst offenders (2 of 2 failing elements):
              #  index  parameter  analytic  numeric   abs. error  rel. error
              1  5      b[1]       0.400000  0.100000  0.300000    0.600
              2  4      b[0]       2.00000   0.500000  1.50000     0.600

              6 parameters, 13 loss evaluations, 1 gradient evaluation, 3.0 ms
            """.stripTrailing();

    @Test
    void passesShowsTheVerdictTheBlocksWorstFirstAndTheFailingOffenders() {
        assertThatThrownBy(() -> assertThat(failed()).passes())
                .isInstanceOf(AssertionError.class)
                .hasMessage("\nExpecting the analytic gradient of TinyNet to match its numeric gradient, but\n" + FAILED_BODY);
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
                          difference 3.000e-09 ≤ threshold 1e-6 (ε = 1e-7): great
                          (course scale: ≲ 1e-7 great · ~1e-5 look closer · ≳ 1e-3 almost surely a bug)

                          block  shape  difference         worst rel. error  elements failing
                          b      2      4.000e-09   great  5.00e-09          0/2
                          W      2×2    1.000e-09   great  2.50e-09          0/4

                          largest relative errors (no element fails):
                          #  index  parameter  analytic  numeric   abs. error   rel. error
                          1  5      b[1]       0.400000  0.400000  4.00000e-09  5.00e-09

                          6 parameters, 13 loss evaluations, 1 gradient evaluation, 3.0 ms""");
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
                .hasMessageStartingWith("\nExpecting block b of TinyNet to pass, but its difference 6.000e-01 > threshold 1e-6"
                        + " (almost surely a bug); 2/2 elements failing:\nTinyNet: FAILED\n");
        assertThatThrownBy(() -> assertThat(failed()).block("W").fails())
                .hasMessageStartingWith("\nExpecting block W of TinyNet to fail, but its difference 1.000e-08 ≤ threshold 1e-6"
                        + " (great):\n");
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
