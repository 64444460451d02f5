package io.github.gradcheck.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.DifferentiableLayer;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.report.GradientCheckReport;
import org.junit.jupiter.api.Test;

/** Contracts at their edges, each found by a review: a cancelling element, a pass that writes into its inputs. */
class LayerContractEdgesTest {

    /** Softmax, dx = y ⊙ (dy − ⟨dy, y⟩): at a saturated input dx[0] is a difference of two nearly equal terms. */
    static final class Softmax implements DifferentiableLayer {
        @Override
        public double[] forward(LayerInputs inputs) {
            double[] x = inputs.vector("x");
            double max = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                max = Math.max(max, v);
            }
            double sum = 0;
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.exp(x[i] - max);
                sum += y[i];
            }
            for (int i = 0; i < x.length; i++) {
                y[i] /= sum;
            }
            return y;
        }

        @Override
        public ParameterArrays backward(LayerInputs inputs, double[] dy) {
            double[] y = forward(inputs);
            double dot = 0;
            for (int i = 0; i < y.length; i++) {
                dot += dy[i] * y[i];
            }
            double[] dx = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                dx[i] = y[i] * (dy[i] - dot);
            }
            return ParameterArrays.builder().add("x", dx).build();
        }
    }

    @Test
    void anElementThatCancelsIsHeldToItsBlocksRoundOffNotItsOwn() {
        GradientCheckReport report = GradientChecker.defaults()
                .check(new Softmax(), LayerInputs.builder().add("x", new double[] {40, 0, 1, -2}).build());

        assertThat(report.layer().orElseThrow().brokenContracts()).as(report.toString()).isEmpty();
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    /** y = relu(x), computed in place in the caller's x. */
    static final class InPlaceRelu implements DifferentiableLayer {
        @Override
        public double[] forward(LayerInputs inputs) {
            double[] x = inputs.vector("x");
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.max(0, x[i]);
            }
            return x.clone();
        }

        @Override
        public ParameterArrays backward(LayerInputs inputs, double[] dy) {
            double[] x = inputs.vector("x");
            double[] dx = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                dx[i] = x[i] > 0 ? dy[i] : 0;
            }
            return ParameterArrays.builder().add("x", dx).build();
        }
    }

    @Test
    void aForwardPassThatWritesIntoItsInputIsNamedAndTheInputRestored() {
        double[] x = {0.5, -1.5, 2.0};
        assertThatThrownBy(() -> GradientChecker.defaults().check(new InPlaceRelu(), LayerInputs.builder().add("x", x).build()))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("InPlaceRelu.forward() changed input x[1] from -1.5 to 0.0");
        assertThat(x).containsExactly(0.5, -1.5, 2.0);
    }

    /** y = x·t[0]; forward adds 1 to its constant t. */
    static final class ChangesItsTarget implements DifferentiableLayer {
        @Override
        public double[] forward(LayerInputs inputs) {
            double[] t = inputs.constant("t", double[].class);
            t[0] += 1;
            return new double[] {inputs.vector("x")[0] * t[0]};
        }

        @Override
        public ParameterArrays backward(LayerInputs inputs, double[] dy) {
            return ParameterArrays.builder().add("x", new double[] {dy[0] * inputs.constant("t", double[].class)[0]}).build();
        }
    }

    @Test
    void aForwardPassThatWritesIntoAConstantIsNamedAndTheConstantRestored() {
        double[] t = {3};
        assertThatThrownBy(() -> GradientChecker.defaults().check(new ChangesItsTarget(),
                LayerInputs.builder().add("x", new double[] {2}).constant("t", t).build()))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("constant input 't' of ChangesItsTarget was changed in forward(inputs) at the given inputs");
        assertThat(t).containsExactly(3.0);
    }
}
