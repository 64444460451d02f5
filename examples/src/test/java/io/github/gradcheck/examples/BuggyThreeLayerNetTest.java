package io.github.gradcheck.examples;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.junit.GradientCheck;
import io.github.gradcheck.junit.ModelUnderTest;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The assignment's network with its two planted bugs (dW2 × 2, db1 with 4/m): the check must
 * fail and point at b1 and W2. Asserting the failure keeps the build green.
 */
class BuggyThreeLayerNetTest {

    /** What the assignment's notebook prints for this case (numpy, seed 1). */
    static final double PUBLISHED_DIFFERENCE = 0.2850931567761624;

    @ModelUnderTest
    ThreeLayerNet net = ThreeLayerNet.assignmentTestCaseWithBugs();

    @GradientCheck
    void checkFailsInB1AndW2(GradientCheckReport report) {
        assertThat(report).fails()
                .hasFailingBlocks("b1", "W2")
                .hasWorstOffenderIn("b1");
    }

    /** With the course's ε = 1e-7, the difference is the one the assignment prints. */
    @GradientCheck(epsilon = 1e-7)
    void differenceAgreesWithTheAssignmentTo8SignificantDigits(GradientCheckReport report) {
        assertThat(report.difference()).isCloseTo(PUBLISHED_DIFFERENCE, within(PUBLISHED_DIFFERENCE * 1e-8));
    }

    @GradientCheck
    void relativeErrorsReadAsTheBugsFactors(GradientCheckReport report) {
        // A factor k reads as (k − 1)/(k + 1): 4/m instead of 1/m gives 0.6, ×2 gives 1/3.
        assertThat(report.block("b1").worstRelativeError()).isCloseTo(0.6, within(1e-5));
        assertThat(report.block("W2").worstRelativeError()).isCloseTo(1.0 / 3, within(1e-5));
    }

    @GradientCheck
    void diagnosisReadsTheBugsAsFactorsFourAndTwo(GradientCheckReport report) {
        assertThat(report.block("b1").diagnosis().kind()).isEqualTo(Diagnosis.Kind.SCALED);
        assertThat(report.block("b1").diagnosis().factor()).isCloseTo(4, within(1e-6));
        assertThat(report.block("W2").diagnosis().kind()).isEqualTo(Diagnosis.Kind.SCALED);
        assertThat(report.block("W2").diagnosis().factor()).isCloseTo(2, within(1e-6));
        assertThat(report.block("W1").diagnosis().kind()).isEqualTo(Diagnosis.Kind.NONE);
        assertThat(report.block("b1").taylor().contradicts()).isTrue();
        assertThat(report.block("W1").taylor().consistent()).isTrue();
    }

    @GradientCheck
    void offendersAreTheLiveUnitsOfB1AndRow2OfW2(GradientCheckReport report) {
        List<String> failing = report.worstOffenders().stream().filter(Offender::failing).map(Offender::parameter).toList();
        // b1[4,0] and W2 rows 0 and 1 have zero gradient (dead ReLU units), so the bugs cannot show there.
        assertThat(failing).containsExactlyInAnyOrder(
                "b1[0,0]", "b1[1,0]", "b1[2,0]", "b1[3,0]",
                "W2[2,0]", "W2[2,1]", "W2[2,2]", "W2[2,3]");
        // Ranked by relative error: the four b1 elements (0.6) before the four W2 elements (1/3).
        assertThat(report.worstOffenders().subList(0, 4)).extracting(Offender::block).containsOnly("b1");
        assertThat(report.worstOffenders().subList(4, 8)).extracting(Offender::block).containsOnly("W2");
    }

    @Test
    void failureMessageNamesTheWorstBlocksAndIndices() {
        GradientCheckReport report = GradientChecker.defaults().check(net);
        assertThatThrownBy(() -> assertThat(report).passes())
                .hasMessageContaining("Expecting the analytic gradient of ThreeLayerNet to match its numeric gradient")
                .hasMessageContaining("almost surely a bug")
                .hasMessageContaining("b1[1,0]")
                .hasMessageContaining("W2[2,0]")
                .hasMessageContaining("worst offenders (8 of 8 mismatches)")
                .hasMessageContaining("analytic b1 ≈ 4.00 × numeric")
                .hasMessageContaining("analytic W2 ≈ 2.00 × numeric");
    }
}
