package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import org.assertj.core.data.Offset;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Inputs of a whole model checked beside its parameters: dJ/dX as its own, marked block. */
class InputBlocksTest {

    /** Linear regression J = Σ (X w − y)² / 2m, with dJ/dX = r wᵀ / m and dJ/dw = Xᵀ r / m, r = X w − y. */
    static final class Regression implements DifferentiableModel {
        final double[][] x = {{1, 2}, {-0.5, 0.25}, {3, -1}};
        final double[] w = {0.7, -1.3};
        final double[] y = {0.2, -0.4, 1.1};
        double inputGradientFactor = 1;

        @Override
        public ParameterArrays parameters() {
            return ParameterArrays.builder().add("w", w).input("X", x).build();
        }

        private double[] residual() {
            double[] r = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                r[i] = x[i][0] * w[0] + x[i][1] * w[1] - y[i];
            }
            return r;
        }

        @Override
        public double loss() {
            double sum = 0;
            for (double r : residual()) {
                sum += r * r;
            }
            return sum / (2 * x.length);
        }

        @Override
        public ParameterArrays gradient() {
            double[] r = residual();
            double[] dw = new double[2];
            double[][] dx = new double[x.length][2];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < 2; j++) {
                    dw[j] += x[i][j] * r[i] / x.length;
                    dx[i][j] = inputGradientFactor * r[i] * w[j] / x.length;
                }
            }
            return ParameterArrays.builder().add("w", dw).add("X", dx).build();
        }
    }

    @Test
    void anInputBlockIsCheckedAndMarkedAsAnInput() {
        GradientCheckReport report = GradientChecker.defaults().check(new Regression());

        assertThat(report.passed()).isTrue();
        assertThat(report.blocks()).extracting(BlockSummary::name, BlockSummary::isInput)
                .containsExactly(Tuple.tuple("w", false), Tuple.tuple("X", true));
    }

    @Test
    void aWrongInputGradientFailsInTheInputBlockOnlyAndTheInputIsRestored() {
        Regression model = new Regression();
        model.inputGradientFactor = 2;
        double[][] before = {model.x[0].clone(), model.x[1].clone(), model.x[2].clone()};

        GradientCheckReport report = GradientChecker.defaults().check(model);

        assertThat(report.block("X").passed()).isFalse();
        assertThat(report.block("X").diagnosis().factor()).isCloseTo(2, Offset.offset(1e-6));
        assertThat(report.block("w").passed()).isTrue();
        assertThat(model.x).isDeepEqualTo(before);
    }

    @Test
    void aFunctionLayoutCanDeclareInputBlocks() {
        ParameterLayout layout = ParameterLayout.builder().vector("w", 2).input("x", 2).build();
        DifferentiableFunction dot = DifferentiableFunction.of(layout,
                t -> Math.sin(t[0] * t[2] + t[1] * t[3]),
                t -> {
                    double c = Math.cos(t[0] * t[2] + t[1] * t[3]);
                    return new double[] {c * t[2], c * t[3], c * t[0], c * t[1]};
                });

        GradientCheckReport report = GradientChecker.defaults().check(dot, 0.3, -0.2, 1.5, 0.7);

        assertThat(report.passed()).isTrue();
        assertThat(report.block("x").isInput()).isTrue();
        assertThat(layout.block("x").toString()).isEqualTo("x 2 (input)");
    }
}
