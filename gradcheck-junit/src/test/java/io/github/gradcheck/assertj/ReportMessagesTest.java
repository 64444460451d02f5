package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static io.github.gradcheck.internal.report.ReportFactory.block;
import static io.github.gradcheck.internal.report.ReportFactory.offender;
import static io.github.gradcheck.internal.report.ReportFactory.report;
import static io.github.gradcheck.internal.report.ReportFactory.taylorTest;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.Precision;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.StepSize;
import io.github.gradcheck.internal.report.Diagnoses;
import io.github.gradcheck.internal.report.ReportFactory;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.ElementVerdict;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Golden strings: the failure messages exactly as a user reads them. */
class ReportMessagesTest {

    private static final CheckSettings SETTINGS = ReportFactory.settings().step(StepSize.fixed(1e-7)).stencil(Stencil.CENTERED)
            .precision(Precision.DOUBLE).margin(10).threshold(1e-6).relativeErrorFloor(1e-8).nondeterminismTolerance(1e-10).offenders(10).seed(1)
            .mode(CheckMode.FULL).samplesPerBlock(16).threads(1).evaluationBudget(0).timeBudget(Duration.ZERO)
            .probes(3).jacobianOutputs(16).build();

    /** A made-up failed check: b's gradient is 4× too large, W is fine. */
    static GradientCheckReport failed() {
        return tinyNet().difference(0.2).differenceOfMatches(4.9e-9).differenceOfMismatches(0.6)
                .blocks(List.of(
                        block().name("W").shape(List.of(2, 2)).offset(0).size(4).difference(1.0e-8).differenceOfMatches(1.0e-8).worstRelativeError(2.5e-8)
                                .mismatches(0).kinks(0).unreliable(1).diagnosis(Diagnoses.none())
                                .taylor(taylorTest(List.of(1e-2, 5e-3), List.of(1e-6, 2.5e-7), 2.0)).build(),
                        block().name("b").shape(List.of(2)).offset(4).size(2).difference(0.6).differenceOfMatches(0).worstRelativeError(0.6)
                                .mismatches(2).kinks(0).unreliable(0)
                                .diagnosis(Diagnoses.scaled(4, 0, 1e-9))
                                .taylor(taylorTest(List.of(1e-2, 5e-3), List.of(1e-2, 5e-3), 1.0)).build()))
                .worstOffenders(List.of(
                        offender().index(5).block("b").position(List.of(1)).parameter("b[1]").gradient(0.4).numericGradient(0.1)
                                .absoluteError(0.3).relativeError(0.6).estimatedError(2e-9).verdict(ElementVerdict.MISMATCH).build(),
                        offender().index(4).block("b").position(List.of(0)).parameter("b[0]").gradient(2.0).numericGradient(0.5)
                                .absoluteError(1.5).relativeError(0.6).estimatedError(3e-9).verdict(ElementVerdict.MISMATCH).build(),
                        offender().index(1).block("W").position(List.of(0, 1)).parameter("W[0,1]").gradient(-0.25)
                                .numericGradient(-0.25000001).absoluteError(1e-8).relativeError(2e-8).estimatedError(5e-9)
                                .verdict(ElementVerdict.MATCH).build()))
                .numericGradient(new double[] {1, -0.25000001, 0, 0, 0.5, 0.1}).build();
    }

    /** A made-up passed check, with one element at a kink. */
    static GradientCheckReport passed() {
        return tinyNet().difference(3.0e-9).differenceOfMatches(3.0e-9).differenceOfMismatches(0)
                .blocks(List.of(
                        block().name("W").shape(List.of(2, 2)).offset(0).size(4).difference(1.0e-9).differenceOfMatches(1.0e-9).worstRelativeError(2.5e-9)
                                .mismatches(0).kinks(1).unreliable(0).diagnosis(Diagnoses.none())
                                .taylor(taylorTest(List.of(1e-2, 5e-3), List.of(1e-6, 2.5e-7), 2.0)).build(),
                        block().name("b").shape(List.of(2)).offset(4).size(2).difference(4.0e-9).differenceOfMatches(4.0e-9).worstRelativeError(5e-9)
                                .mismatches(0).kinks(0).unreliable(0).diagnosis(Diagnoses.none())
                                .taylor(taylorTest(List.of(1e-2, 5e-3), List.of(0.0, 0.0), Double.NaN)).build()))
                .worstOffenders(List.of(
                        offender().index(5).block("b").position(List.of(1)).parameter("b[1]").gradient(0.4)
                                .numericGradient(0.400000004).absoluteError(4e-9).relativeError(5e-9).estimatedError(2e-9)
                                .verdict(ElementVerdict.MATCH).build()))
                .warnings(List.of("the Taylor test questions nothing here"))
                .numericGradient(new double[] {1, -0.25, 0, 0, 2.0, 0.400000004}).build();
    }

    /** What both made-up checks of TinyNet share: 6 elements, all checked, and what the check cost. */
    private static ReportFactory.ReportBuilder tinyNet() {
        return report().modelName("TinyNet").settings(SETTINGS).mode(CheckMode.FULL).loss(0.5).noise(2.0e-14)
                .checkedElements(6).gradient(new double[] {1, -0.25, 0, 0, 2.0, 0.4})
                .lossEvaluations(22).gradientEvaluations(2).fullCheckEvaluations(24).duration(Duration.ofMillis(3));
    }

    private static final String FAILED_BODY = """
              2 of 6 elements mismatch beyond 10× their estimated numerical error: b (2), 1 too small to resolve
              difference 2.000e-01: almost surely a bug (course scale: ≲ 1e-7 great · ~1e-5 look closer · ≳ 1e-3 almost surely a bug)
              ε = 1e-7; centered differences; loss noise σ ≈ 2.0e-14

              block  shape  difference                       worst rel. error  mismatch  kink  unreliable  Taylor order
              b      2      6.000e-01   almost surely a bug  0.600             2/2       0     0           1.0
              W      2×2    1.000e-08   great                2.50e-08          0/4       0     1           2.0

              diagnosis:
                b: analytic b ≈ 4.00 × numeric (an integer factor: a 1/4 forgotten, or a term counted 4 times?) (fit residual 1.0e-09)

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
        GradientCheckReport named = tinyNet().modelName("Net 100%").difference(failed().difference())
                .differenceOfMatches(failed().differenceOfMatches()).differenceOfMismatches(failed().differenceOfMismatches())
                .blocks(failed().blocks()).worstOffenders(failed().worstOffenders())
                .numericGradient(failed().numericGradient()).build();

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
                          b      2      4.000e-09   great  5.00e-09          0/2       0     0           within noise
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
        return tinyNet().difference(0.2).differenceOfMatches(0).differenceOfMismatches(0.6)
                .blocks(List.of(
                        block().name("W").shape(List.of(2, 2)).offset(0).size(4).difference(0.3).differenceOfMatches(0).worstRelativeError(0.6)
                                .mismatches(1).kinks(0).unreliable(0).diagnosis(Diagnoses.none())
                                .taylor(failed.blocks().get(0).taylor()).build(),
                        failed.blocks().get(1)))
                .worstOffenders(List.of(failed.worstOffenders().get(0), failed.worstOffenders().get(1),
                        offender().index(1).block("W").position(List.of(0, 1)).parameter("W[0,1]").gradient(-0.25)
                                .numericGradient(0.25).absoluteError(0.5).relativeError(1.0).estimatedError(5e-9)
                                .verdict(ElementVerdict.MISMATCH).build()))
                .numericGradient(new double[] {1, 0.25, 0, 0, 0.5, 0.1}).build();
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

    private static final String LEGEND = " (course scale: ≲ 1e-7 great · ~1e-5 look closer · ≳ 1e-3 almost surely a bug)";

    /**
     * A made-up TinyNet check: W's four elements with the given counts and differences, b's two
     * elements matching, and the report's three differences as given.
     */
    private static GradientCheckReport tinyNet(double difference, double ofMatches, double ofMismatches, int mismatches,
                                               int kinks, double wDifference, double wOfMatches, Offender worst) {
        return tinyNet().difference(difference).differenceOfMatches(ofMatches).differenceOfMismatches(ofMismatches)
                .blocks(List.of(
                        block().name("W").shape(List.of(2, 2)).offset(0).size(4).difference(wDifference)
                                .differenceOfMatches(wOfMatches).worstRelativeError(worst.relativeError()).mismatches(mismatches)
                                .kinks(kinks).unreliable(0).diagnosis(mismatches == 0 ? Diagnoses.none() : Diagnoses.fewElements(List.of(1)))
                                .taylor(taylorTest(List.of(1e-2, 5e-3), List.of(1e-6, 2.5e-7), 2.0)).build(),
                        block().name("b").shape(List.of(2)).offset(4).size(2).difference(1.0e-9).differenceOfMatches(1.0e-9)
                                .worstRelativeError(1e-9).mismatches(0).kinks(0).unreliable(0).diagnosis(Diagnoses.none())
                                .taylor(taylorTest(List.of(1e-2, 5e-3), List.of(0.0, 0.0), Double.NaN)).build()))
                .worstOffenders(List.of(worst)).numericGradient(new double[] {1, worst.numericGradient(), 0, 0, 2.0, 0.4}).build();
    }

    /** W[0,1] with these values and verdict. */
    private static Offender w01(double numeric, double relativeError, ElementVerdict verdict) {
        return offender().index(1).block("W").position(List.of(0, 1)).parameter("W[0,1]").gradient(-0.25)
                .numericGradient(numeric).absoluteError(Math.abs(numeric + 0.25)).relativeError(relativeError)
                .estimatedError(5e-9).verdict(verdict).build();
    }

    @Test
    void aPassedCheckWhoseDifferenceComesFromKinksSaysSoInsteadOfCallingItABug() {
        GradientCheckReport report = tinyNet(6.019e-3, 2.1e-9, 0, 0, 2, 8.0e-3, 1.0e-9, w01(-0.125, 1.0 / 3, ElementVerdict.KINK));

        assertThatThrownBy(() -> assertThat(report).fails())
                .hasMessageStartingWith("""

                        Expecting the gradient check of TinyNet to fail (a wrong analytic gradient), but it passed:
                        TinyNet: PASSED
                          every element matches within 10× their estimated numerical error, 2 at a kink of the loss
                          difference 6.019e-03 comes from the 2 elements at kinks of the loss: without them 2.100e-09, great\
                        """ + LEGEND + """

                          ε = 1e-7; centered differences; loss noise σ ≈ 2.0e-14

                          block  shape  difference                       worst rel. error  mismatch  kink  unreliable  Taylor order
                          W      2×2    8.000e-03   great without kinks  0.333             0/4       2     0           2.0
                          b      2      1.000e-09   great                1.00e-09          0/2       0     0           within noise
                        """);
        assertThatThrownBy(() -> assertThat(report).block("W").fails())
                .hasMessageStartingWith("\nExpecting block W of TinyNet to fail, but every element matches"
                        + " (difference 8.000e-03, great without kinks):\n");
    }

    @Test
    void aPassedCheckWhoseDifferenceIsLargeWithoutItsKinksToo() {
        GradientCheckReport report = tinyNet(5.0e-5, 4.0e-5, 0, 0, 1, 6.0e-5, 5.0e-5, w01(-0.24999, 2e-5, ElementVerdict.MATCH));

        assertThatThrownBy(() -> assertThat(report).fails())
                .hasMessageContaining("""
                        TinyNet: PASSED
                          every element matches within 10× their estimated numerical error, 1 at a kink of the loss
                          difference 5.000e-05: look closer on the course's fixed scale, which does not know the numeric\
                         derivatives' own error; measured against it, no element mismatches; without the 1 element at a kink\
                         of the loss 4.000e-05: look closer""" + LEGEND + "\n")
                .hasMessageContaining("  W      2×2    6.000e-05   look closer, yet no mismatch  2.00e-05          0/4       1     0");
    }

    @Test
    void aFailedCheckThatReadsGreatSaysTheOtherElementsOutweighItsMismatch() {
        GradientCheckReport report = tinyNet(1.0e-9, 1.0e-9, 0.6, 1, 0, 1.0e-9, 0, w01(0.5, 1, ElementVerdict.MISMATCH));

        assertThatThrownBy(() -> assertThat(report).passes())
                .hasMessageStartingWith("""

                        Expecting the analytic gradient of TinyNet to match its numeric gradient, but
                          1 of 6 elements mismatch beyond 10× their estimated numerical error: W (1)
                          difference 1.000e-09: great overall only because the 5 other checked elements outweigh the 1 mismatch,\
                         which on its own reads 6.000e-01: almost surely a bug""" + LEGEND + """

                          ε = 1e-7; centered differences; loss noise σ ≈ 2.0e-14

                          block  shape  difference                         worst rel. error  mismatch  kink  unreliable  Taylor order
                          W      2×2    1.000e-09   great, yet 1 mismatch  1.00              1/4       0     0           2.0
                          b      2      1.000e-09   great                  1.00e-09          0/2       0     0           within noise

                          diagnosis:
                            W: 1 of 4 elements of W is wrong, the rest match: W[0,1]
                        """);
        assertThatThrownBy(() -> assertThat(report).block("W").passes())
                .hasMessageStartingWith("\nExpecting block W of TinyNet to pass, but 1 of its 4 elements mismatch"
                        + " (difference 1.000e-09, great, yet 1 mismatch):\n");
    }

    @Test
    void aFailedCheckWhoseMismatchIsTooSmallForTheCoursesScaleSaysTheCheckResolvesIt() {
        GradientCheckReport report = tinyNet(2.0e-7, 0, 3.0e-7, 1, 0, 2.0e-7, 0, w01(-0.25000015, 3.0e-7, ElementVerdict.MISMATCH));

        assertThatThrownBy(() -> assertThat(report).passes())
                .hasMessageContaining("  1 of 6 elements mismatch beyond 10× their estimated numerical error: W (1)\n"
                        + "  difference 2.000e-07: great on the course's scale, yet the 1 mismatch (3.000e-07 on its own) is beyond"
                        + " 10× the numeric derivative's estimated error: an error too small for the course's scale, which the"
                        + " check resolves" + LEGEND + "\n");
    }
}
