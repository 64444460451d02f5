package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.report.GradientCheckReport;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A check leaves every parameter bit for bit as it found it, on every path: success, a failed
 * check, a model that throws, a NaN, a gradient that does not fit, a model that changes its own
 * parameters. The values include -0.0 and a subnormal, which a restore by arithmetic would lose.
 *
 * <p>Loss evaluations are numbered from 1: evaluations 1 and 2 are the unperturbed point (twice,
 * to see that the loss is deterministic), 3 to 10 the noise estimate, then element e (in θ's
 * order: W row by row, then b) is evaluated at + ε as 11 + 2e and at − ε as 12 + 2e. The checks
 * here use the course's fixed ε = 1e-7 so that messages name it.
 */
class ParametersRestoredTest {

    private static final GradientChecker CHECKER = GradientChecker.defaults().withEpsilon(1e-7);

    private SineModel model;
    private long[] before;

    @BeforeEach
    void model() {
        model = new SineModel(new double[][] {{0.1, -0.0, 2}, {Double.MIN_VALUE, 1.5, 1e-300}},
                new double[] {-0.0, 0.7, Math.PI}, 3);
        before = model.bits();
    }

    @Test
    void afterAPassingCheck() {
        assertThat(CHECKER.check(model).passed()).isTrue();
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void afterAFailingCheck() {
        model.bGradientFactor = 4;
        assertThat(CHECKER.check(model).passed()).isFalse();
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheLossThrowsAtAPerturbedPoint() {
        IllegalStateException boom = new IllegalStateException("boom");
        model.lossHook = n -> {
            if (n == 12 + 2 * 2) {   // W[0,2] − ε
                throw boom;
            }
            return 0;
        };

        assertThatThrownBy(() -> CHECKER.check(model))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("SineModel.loss() threw java.lang.IllegalStateException (boom) at W[0,2] − ε"
                        + " (flat index 2, ε = 1e-7). The parameters have been restored.")
                .hasCause(boom);
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheLossIsNaNAtAPerturbedPoint() {
        model.lossHook = n -> n == 11 + 2 * 6 ? Double.NaN : 0;   // b[0] + ε

        assertThatThrownBy(() -> CHECKER.check(model))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageStartingWith("the loss of SineModel is NaN at b[0] + ε (flat index 6, ε = 1e-7)")
                .hasMessageEndingWith("The parameters have been restored.");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheLossIsInfiniteAtTheUnperturbedPoint() {
        model.lossHook = n -> n == 1 ? Double.POSITIVE_INFINITY : 0;

        assertThatThrownBy(() -> CHECKER.check(model))
                .hasMessageStartingWith("the loss of SineModel is Infinity at the unperturbed parameters");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheGradientThrows() {
        model.gradientFailure = new ArithmeticException("/ by zero");

        assertThatThrownBy(() -> CHECKER.check(model))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("SineModel.gradient() threw java.lang.ArithmeticException (/ by zero)."
                        + " The parameters have been restored.")
                .cause().isSameAs(model.gradientFailure);
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheGradientHasANaN() {
        model.bGradientFactor = Double.NaN;

        assertThatThrownBy(() -> CHECKER.check(model))
                .hasMessage("the analytic gradient of SineModel is NaN at b[0] (flat index 6); backpropagation"
                        + " produced a non-finite value. The parameters have been restored.");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheModelChangesItsOwnParameters() {
        model.lossHook = n -> {
            if (n == 11 + 2 * 4) {   // while W[1,1] is perturbed, overwrite W[0,0], already checked
                model.w[0][0] = 99;
            }
            return 0;
        };

        assertThatThrownBy(() -> CHECKER.check(model))
                .hasMessage("SineModel changed its own parameter W[0,0] (flat index 0) from 0.1 to 99.0 while the"
                        + " check ran; loss() and gradient() must not modify the parameters."
                        + " All parameters have been restored.");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheGradientLacksABlock() {
        DifferentiableModel partial = new Delegate(model) {
            @Override
            public ParameterArrays gradient() {
                return ParameterArrays.builder().add("W", model.expectedW()).build();
            }
        };

        assertThatThrownBy(() -> CHECKER.check(partial))
                .hasMessage("model.gradient() has no block 'b'; it must return one array per parameter block,"
                        + " named as in parameters(): [W, b]");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenAGradientBlockHasTheWrongShape() {
        DifferentiableModel transposed = new Delegate(model) {
            @Override
            public ParameterArrays gradient() {
                return ParameterArrays.builder().add("W", new double[3][2]).add("b", model.expectedB(1)).build();
            }
        };

        assertThatThrownBy(() -> CHECKER.check(transposed))
                .hasMessage("model.gradient() returned block 'W' with shape 3×2 but parameter W has shape 2×3");
        assertThat(model.bits()).containsExactly(before);
    }

    @Test
    void whenTheGradientHasAnExtraBlock() {
        DifferentiableModel extra = new Delegate(model) {
            @Override
            public ParameterArrays gradient() {
                return ParameterArrays.builder().add("W", model.expectedW()).add("b", model.expectedB(1))
                        .add("c", new double[1]).build();
            }
        };

        assertThatThrownBy(() -> CHECKER.check(extra))
                .hasMessage("model.gradient() returned block(s) [c] that are not parameter blocks;"
                        + " the parameter blocks are [W, b]");
    }

    @Test
    void aColumnGradientFitsAVectorParameter() {
        DifferentiableModel column = new Delegate(model) {
            @Override
            public ParameterArrays gradient() {
                double[] db = model.expectedB(1);
                return ParameterArrays.builder().add("W", model.expectedW())
                        .add("b", new double[][] {{db[0]}, {db[1]}, {db[2]}}).build();
            }
        };

        GradientCheckReport report = CHECKER.check(column);
        assertThat(report.passed()).isTrue();
    }

    @Test
    void aFunctionNeverWritesToTheCallersArray() {
        double[] theta = {-0.0, Double.MIN_VALUE, 3};
        long[] bits = {Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Double.MIN_VALUE),
                Double.doubleToRawLongBits(3)};
        DifferentiableFunction f = DifferentiableFunction.of(ParameterLayout.builder().vector("x", 3).build(),
                x -> {
                    throw new IllegalStateException("fails at once");
                },
                x -> new double[3]);

        assertThatThrownBy(() -> CHECKER.check(f, theta)).isInstanceOf(GradientCheckException.class);
        assertThat(Arrays.stream(theta).mapToLong(Double::doubleToRawLongBits).toArray()).containsExactly(bits);
    }

    @Test
    void aFunctionsGradientOfTheWrongLengthIsNamed() {
        DifferentiableFunction f = DifferentiableFunction.of(ParameterLayout.builder().vector("x", 3).build(),
                x -> x[0], x -> new double[2]);

        assertThatThrownBy(() -> CHECKER.check(f, 1, 2, 3))
                .isInstanceOf(GradientCheckException.class)
                .hasMessage("function.gradient(θ) returned 2 values but θ has 3 (x 3)");
    }

    @Test
    void aPointOfTheWrongLengthIsNamed() {
        DifferentiableFunction f = DifferentiableFunction.of(ParameterLayout.builder().matrix("W", 2, 2).build(),
                x -> x[0], x -> new double[4]);

        assertThatThrownBy(() -> f.at(1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("function has 4 parameters (W 2×2) but the point has 3 values");
    }

    /** Forwards to a SineModel, under the anonymous name "model". */
    private static class Delegate implements DifferentiableModel {
        private final SineModel model;

        Delegate(SineModel model) {
            this.model = model;
        }

        @Override
        public ParameterArrays parameters() {
            return model.parameters();
        }

        @Override
        public double loss() {
            return model.loss();
        }

        @Override
        public ParameterArrays gradient() {
            return model.gradient();
        }
    }
}
