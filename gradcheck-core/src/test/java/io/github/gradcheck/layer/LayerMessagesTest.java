package io.github.gradcheck.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.DifferentiableLayer;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.internal.text.ReportText;
import io.github.gradcheck.report.GradientCheckReport;
import org.junit.jupiter.api.Test;

/** The words of real layer checks: what a user reads for a dx bug and for a broken contract alone. */
class LayerMessagesTest {

    @Test
    void aDxBugIsNamedAsTheGradientWithRespectToTheInputWithItsWrongJacobianElements() {
        DenseLayer layer = new DenseLayer(3, 4, 2, DenseLayer.Bug.DX_ONE_ELEMENT_DOUBLED);
        GradientCheckReport report = GradientChecker.defaults().check(layer, LayerInputs.builder().add("x", DenseLayer.input(4, 2)).build());

        String message = ReportText.failureMessage(report);

        assertThat(message).startsWith("""
                Expecting the backward pass of DenseLayer to match the differences of its forward pass, but
                  the gradient with respect to input x is wrong: 1 of 19 elements mismatch beyond 10× their estimated numerical error: x (1)
                  layer 3 outputs: the whole Jacobian, one probe dy = eᵢ per output i; 3 of 3 probes fail; shown: probe 0, the row ∂y[0]/∂· (the most mismatches)
                """);
        assertThat(message).contains("\n  x (input)  4 ", "\n    x (input): 1 of 4 elements of x is wrong, the rest match: x[1]\n",
                "\n  wrong Jacobian elements (3, worst first):\n", "  ∂y[0]/∂x[1]  ", "  ∂y[1]/∂x[1]  ", "  ∂y[2]/∂x[1]  ");
        assertThat(message).doesNotContain("broken contracts");
        assertThat(message).containsPattern("\n  4 input and 15 parameter elements, "
                + report.layer().orElseThrow().forwardCalls() + " forward calls, " + report.layer().orElseThrow().backwardCalls()
                + " backward calls, [0-9.]+ ms$");
    }

    @Test
    void aBackwardPassRightOnEveryBasisProbeButNotLinearInDyFailsOnItsContractAlone() {
        GradientCheckReport report = GradientChecker.defaults().check(new AbsoluteDy(), LayerInputs.builder()
                .add("x", new double[] {0.5, -1.0}).build());

        assertThat(report.mismatches()).isZero();
        assertThat(report.passed()).isFalse();
        String message = ReportText.failureMessage(report);
        assertThat(message).startsWith("""
                Expecting the backward pass of AbsoluteDy to match the differences of its forward pass, but
                  every element matches within 10× their estimated numerical error, but the backward pass breaks a contract (below)
                  layer 2 outputs: the whole Jacobian, one probe dy = eᵢ per output i; every probe matches; shown: probe\s""");
        // backward(2·e₀ − 3·e₁) = 3·|(2, −3)| = (6, 9) against 2·(3, 0) − 3·(0, 3) = (6, −9): x[1] differs by 18.
        assertThat(message).contains("""

                  broken contracts:
                    backward is not linear in dy: backward(2·dy₁ − 3·dy₂) differs from 2·backward(dy₁) − 3·backward(dy₂) at x[1] \
                by 18.0000 (9.00000 against -9.00000): a term that does not scale with dy""");
        assertThat(message).contains("difference ").doesNotContain("great overall only because");
    }

    @Test
    void aModelsDeclaredInputIsNamedAsAnInputButTheModelKeepsItsOwnHeadlineAndCost() {
        GradientCheckReport report = GradientChecker.defaults().check(new SaliencyModel());

        String message = ReportText.failureMessage(report);
        assertThat(message).startsWith("""
                Expecting the analytic gradient of SaliencyModel to match its numeric gradient, but
                  the gradient with respect to input x is wrong: 2 of 4 elements mismatch beyond 10× their estimated numerical error: x (2)
                """);
        assertThat(message).contains("\n  x (input)  2 ", "\n  w          2 ", "\n    x (input): analytic x ≈ 2.00 × numeric")
                .containsPattern("\n  4 parameters, \\d+ loss evaluations, ");
    }

    /** J = ½ Σ (w ⊙ x)², with x declared an input; dJ/dx is doubled, dJ/dw right. */
    static final class SaliencyModel implements io.github.gradcheck.DifferentiableModel {

        private final double[] w = {0.5, -1.5};
        private final double[] x = {2.0, 0.25};

        @Override
        public ParameterArrays parameters() {
            return ParameterArrays.builder().add("w", w).input("x", x).build();
        }

        @Override
        public double loss() {
            return 0.5 * (w[0] * x[0] * w[0] * x[0] + w[1] * x[1] * w[1] * x[1]);
        }

        @Override
        public ParameterArrays gradient() {
            return ParameterArrays.builder()
                    .add("w", new double[] {w[0] * x[0] * x[0], w[1] * x[1] * x[1]})
                    .add("x", new double[] {2 * w[0] * w[0] * x[0], 2 * w[1] * w[1] * x[1]}).build();
        }
    }

    /** y = 3x, with dx = 3·|dy|: right for every dy ≥ 0, so for every basis probe, and not linear in dy. */
    static final class AbsoluteDy implements DifferentiableLayer {

        @Override
        public double[] forward(LayerInputs inputs) {
            double[] x = inputs.vector("x");
            return new double[] {3 * x[0], 3 * x[1]};
        }

        @Override
        public ParameterArrays backward(LayerInputs inputs, double[] dy) {
            return ParameterArrays.builder().add("x", new double[] {3 * Math.abs(dy[0]), 3 * Math.abs(dy[1])}).build();
        }
    }
}
