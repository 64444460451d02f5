package io.github.gradcheck.secondorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.TwiceDifferentiableFunction;
import io.github.gradcheck.report.GradientCheckReport;
import org.junit.jupiter.api.Test;

/** The chained Rosenbrock function as a {@link TwiceDifferentiableFunction}: hvp(θ, v) checked at a point. */
class RosenbrockTest {

    /** J = Σᵢ 100 (θᵢ₊₁ − θᵢ²)² + (1 − θᵢ)², with H·v by hand; {@code linkBefore} false forgets H's 200 from the link before. */
    private record Rosenbrock(int n, boolean linkBefore) implements TwiceDifferentiableFunction {

        @Override
        public ParameterLayout layout() {
            return ParameterLayout.builder().vector("theta", n).build();
        }

        @Override
        public double loss(double[] t) {
            double sum = 0;
            for (int i = 0; i + 1 < n; i++) {
                double link = t[i + 1] - t[i] * t[i];
                sum += 100 * link * link + (1 - t[i]) * (1 - t[i]);
            }
            return sum;
        }

        @Override
        public double[] gradient(double[] t) {
            double[] g = new double[n];
            for (int i = 0; i + 1 < n; i++) {
                double link = t[i + 1] - t[i] * t[i];
                g[i] += -400 * t[i] * link - 2 * (1 - t[i]);
                g[i + 1] += 200 * link;
            }
            return g;
        }

        @Override
        public double[] hessianVectorProduct(double[] t, double[] v) {
            double[] h = new double[n];
            for (int i = 0; i + 1 < n; i++) {
                double diagonal = 1200 * t[i] * t[i] - 400 * t[i + 1] + 2;
                double offDiagonal = -400 * t[i];
                h[i] += diagonal * v[i] + offDiagonal * v[i + 1];
                h[i + 1] += offDiagonal * v[i] + (linkBefore ? 200 : 0) * v[i + 1];
            }
            return h;
        }

        @Override
        public String name() {
            return "Rosenbrock";
        }
    }

    @Test
    void theProductIsCheckedAtThePointWhichIsNotWrittenTo() {
        double[] point = {-1.2, 1.0, 0.7, 0.3, 1.1};
        double[] before = point.clone();
        GradientCheckReport right = GradientChecker.defaults().checkSecondOrder(new Rosenbrock(5, true), point);
        GradientCheckReport wrong = GradientChecker.defaults().checkSecondOrder(new Rosenbrock(5, false), point);

        assertThat(right.passed()).as(right.toString()).isTrue();
        assertThat(right.layer().orElseThrow().wholeJacobian()).isTrue();
        assertThat(wrong.passed()).isFalse();
        // H[i][i] lacks 200 for i ≥ 1: the whole Hessian names those diagonal entries and no other.
        assertThat(wrong.layer().orElseThrow().wrongJacobianEntries()).extracting(e -> e.output() + ":" + e.element().parameter())
                .containsExactlyInAnyOrder("1:theta[1]", "2:theta[2]", "3:theta[3]", "4:theta[4]");
        assertThat(point).isEqualTo(before);
    }
}
