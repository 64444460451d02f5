package io.github.gradcheck.modes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.report.ElementVerdict;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a user sees of a partial check of a block larger than the bounded directions' 4,096
 * coordinates: the numeric gradient of the elements it checked (NaN elsewhere), a Taylor test that
 * still sees an error running through the block, a failure that says where θ was, and θ as it was.
 */
class BoundedDirectionsTest {

    private static final int N = 20_000;

    @ParameterizedTest
    @EnumSource(value = CheckMode.class, names = {"SAMPLED", "RANDOM_DIRECTIONS"})
    void theReportShowsTheNumericGradientOfTheCheckedElementsOnly(CheckMode mode) {
        GradientCheckReport report = checker(mode).check(new Quadratic(N, 1, 12_345));

        double[] numeric = report.numericGradient();
        assertThat(report.passed()).isFalse();
        assertThat(numeric).hasSize(N);
        assertThat(Arrays.stream(numeric).filter(v -> !Double.isNaN(v)).count()).isEqualTo(report.checkedElements());
        Offender worst = report.worstOffenders().get(0);
        assertThat(worst.parameter()).isEqualTo("theta[12345]");
        assertThat(worst.verdict()).isEqualTo(ElementVerdict.MISMATCH);
        assertThat(numeric[12_345]).isEqualTo(worst.numericGradient());
        // d/dθ of θ²/2·(1 + i mod 3) at θ₁₂₃₄₅, which the gradient doubles.
        assertThat(worst.numericGradient()).isCloseTo(worst.gradient() / 2, offset(1e-6));
    }

    @ParameterizedTest
    @EnumSource(value = CheckMode.class, names = {"SAMPLED", "RANDOM_DIRECTIONS"})
    void aBoundedTaylorTestSeesAnErrorThatRunsThroughTheBlock(CheckMode mode) {
        GradientCheckReport right = checker(mode).check(new Quadratic(N, 1, -1));
        GradientCheckReport doubled = checker(mode).check(new Quadratic(N, 2, -1));

        assertThat(right.passed()).isTrue();
        assertThat(right.blocks().get(0).taylor().consistent()).isTrue();
        assertThat(doubled.passed()).isFalse();
        assertThat(doubled.blocks().get(0).taylor().contradicts()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = CheckMode.class, names = {"SAMPLED", "RANDOM_DIRECTIONS"})
    void aLossThatThrowsAnywhereLeavesTheParametersAsTheyWereAndSaysWhere(CheckMode mode) {
        int calls = checkedCalls(mode);
        boolean sawTaylor = false;
        for (int failing = 1; failing <= calls; failing++) {
            Quadratic model = new Quadratic(N, 1, -1);
            model.failAt = failing;
            double[] before = model.theta.clone();
            String message = "";
            try {
                checker(mode).check(model);
            } catch (GradientCheckException e) {
                message = e.getMessage();
            }
            assertThat(message).as("call %d", failing).contains("threw").contains("The parameters have been restored");
            assertThat(model.theta).as("call %d", failing).isEqualTo(before);
            sawTaylor |= message.contains("a random direction within theta over 4096 of its 20000 elements (Taylor test)");
        }
        assertThat(sawTaylor).as("a throw at a point of the bounded Taylor test, named").isTrue();
    }

    /** How many loss evaluations a passing check takes in {@code mode}. */
    private static int checkedCalls(CheckMode mode) {
        Quadratic model = new Quadratic(N, 1, -1);
        assertThat(checker(mode).check(model).passed()).isTrue();
        return model.calls;
    }

    private static GradientChecker checker(CheckMode mode) {
        return GradientChecker.defaults().withThreads(1).withMode(mode);
    }

    /** J = Σ θᵢ²/2 · (1 + i mod 3) + sin θ₀; the gradient times {@code factor}, and doubled at {@code wrong} (−1: nowhere). */
    private static final class Quadratic implements DifferentiableModel {

        final double[] theta;
        private final double factor;
        private final int wrong;
        int calls;
        int failAt;

        Quadratic(int n, double factor, int wrong) {
            this.theta = new double[n];
            this.factor = factor;
            this.wrong = wrong;
            for (int i = 0; i < n; i++) {
                theta[i] = Math.cos(0.3 * i);
            }
        }

        @Override
        public ParameterArrays parameters() {
            return ParameterArrays.builder().add("theta", theta).build();
        }

        @Override
        public double loss() {
            if (++calls == failAt) {
                throw new IllegalStateException("planted failure");
            }
            double sum = Math.sin(theta[0]);
            for (int i = 0; i < theta.length; i++) {
                sum += theta[i] * theta[i] / 2 * (1 + i % 3);
            }
            return sum;
        }

        @Override
        public ParameterArrays gradient() {
            double[] g = new double[theta.length];
            for (int i = 0; i < theta.length; i++) {
                g[i] = factor * theta[i] * (1 + i % 3) * (i == wrong ? 2 : 1);
            }
            g[0] += factor * Math.cos(theta[0]);
            return ParameterArrays.builder().add("theta", g).build();
        }
    }
}
