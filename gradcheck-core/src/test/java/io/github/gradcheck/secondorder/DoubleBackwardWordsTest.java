package io.github.gradcheck.secondorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.internal.text.ReportText;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.LayerResult;
import org.junit.jupiter.api.Test;

/** A layer's double backward in words: what was compared, the Hessian of ⟨dy, y⟩ by entry, or why nothing was compared. */
class DoubleBackwardWordsTest {

    private static GradientCheckReport check(TanhLayer.Bug bug) {
        double[] x = {0.3, -0.7, 0.5};
        return GradientChecker.defaults().checkSecondOrder(new TanhLayer(2, 3, 1, bug), LayerInputs.builder().add("x", x).build());
    }

    @Test
    void aWrongDoubleBackwardIsWordedAsOneWithHessianEntriesOfTheInnerProduct() {
        GradientCheckReport report = check(TanhLayer.Bug.DOUBLE_BACKWARD_WRONG_SIGN);
        String message = ReportText.failureMessage(report);
        // The backward pass's check: 2 for determinism, 2N = 18 shared by its 2 probes (one per output), and per
        // probe 2 at θ, and 8 + 5B more (B = 2) where it went on to measure the noise.
        LayerResult backward = report.secondOrder().orElseThrow().gradientCheck().layer().orElseThrow();
        long forwardCalls = 2 + 2 * 9 + 2 * 2 + backward.probesWithNoiseEstimate() * (8 + 5 * 2);

        assertThat(message).startsWith("Expecting the double backward of TanhLayer to match the differences of its backward pass, but\n"
                        + "  the double backward is wrong in the rows of input x and parameter W: 9 of 9 elements mismatch")
                .contains("\n  second order: the double backward compared, element by element, with differences of b ="
                                + " backward(inputs, dy) at a fixed seeded dy, (⟨v, b(θ + εᵢeᵢ)⟩ − ⟨v, b(θ − εᵢeᵢ)⟩) / 2εᵢ; the backward"
                                + " pass passed its own check first",
                        "\n  vectors v over 3 input and 6 parameter elements: the whole Hessian, one v = e_j per element j; 9 of 9 vectors fail;",
                        "\n  wrong Hessian entries of ⟨dy, y⟩, H[row, column] = doubleBackward(v = e_column)[row] (10 of 63, worst first):",
                        "H[x[0], x[2]]", "H[W[0,1], x[0]]",
                        "\n  3 input and 6 parameter elements, 452 backward calls, 37 double backward calls; the backward pass's check:"
                                + " " + forwardCalls + " forward and 5 backward calls, ")
                .doesNotContain("∂y[", "probe", "forward pass");
    }

    @Test
    void aWrongBackwardPassIsWordedAsTheFirstOrderCheckWithTheDoubleBackwardNotCompared() {
        String message = ReportText.failureMessage(check(TanhLayer.Bug.BACKWARD_MISSING_DERIVATIVE));

        assertThat(message).startsWith("Expecting the backward pass of TanhLayer to match the differences of its forward pass"
                        + " (checked before its double backward), but\n"
                        + "  the gradients with respect to input x and parameter W are wrong: 6 of 9 elements mismatch")
                .contains("\n  second order: the double backward was NOT compared: the backward pass fails its own check (6 mismatching"
                        + " elements), and differences of a wrong backward pass would make any verdict on doubleBackward meaningless;"
                        + " this report is the check of backward(inputs, dy): fix it first\n", "∂y[0]/∂x[1]")
                .doesNotContain("H[");
    }
}
