package io.github.gradcheck.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ElementStorage;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.Precision;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;

/**
 * The README's snippets of "Float models" and "Parameters that are not Java arrays", as written
 * there (the classes below are copied into the README verbatim, less this comment), run.
 */
class ReadmeSnippetsTest {

    static class FloatLogistic implements DifferentiableModel {
        final float[] w = {0.5f, -0.25f};
        final float[] b = {0.1f};
        final float[][] x = {{1, 2}, {-1, 0.5f}, {0.3f, -2}};
        final float[] y = {1, 0, 1};

        public ParameterArrays parameters() {               // float arrays, live, as for double
            return ParameterArrays.builder().add("w", w).add("b", b).build();
        }
        float p(float[] xi) {
            return (float) (1 / (1 + Math.exp(-(w[0] * xi[0] + w[1] * xi[1] + b[0]))));
        }
        public double loss() {                                // mean cross-entropy, in float
            float sum = 0;
            for (int i = 0; i < x.length; i++) {
                float p = p(x[i]);
                sum -= (float) (y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p));
            }
            return sum / x.length;
        }
        public ParameterArrays gradient() {                   // float arrays too
            float[] dw = new float[2];
            float[] db = new float[1];
            for (int i = 0; i < x.length; i++) {
                float r = (p(x[i]) - y[i]) / x.length;
                dw[0] += r * x[i][0];
                dw[1] += r * x[i][1];
                db[0] += r;
            }
            return ParameterArrays.builder().add("w", dw).add("b", db).build();
        }
    }

    static class OffHeapLinear implements DifferentiableModel {   // J = ½ ‖W x − y‖², W 2×3 kept off-heap, column-major
        final DoubleBuffer weights = ByteBuffer.allocateDirect(6 * Double.BYTES).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        final double[] x = {1, -2, 0.5};
        final double[] y = {0.3, -1};

        OffHeapLinear() {
            for (int k = 0; k < 6; k++) {
                weights.put(k, 0.1 * k - 0.2);
            }
        }
        double w(int r, int c) {
            return weights.get(r + 2 * c);                    // 'f' order: W[r, c] at r + rows·c
        }
        double residual(int r) {
            return w(r, 0) * x[0] + w(r, 1) * x[1] + w(r, 2) * x[2] - y[r];
        }
        public ParameterArrays parameters() {
            return ParameterArrays.builder().add("W", ElementStorage.of(weights).columnMajor(2, 3), 2, 3).build();
        }
        public double loss() {
            return 0.5 * (residual(0) * residual(0) + residual(1) * residual(1));
        }
        public ParameterArrays gradient() {
            double[][] dW = new double[2][3];                 // the gradient may come back in any storage
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    dW[r][c] = residual(r) * x[c];
                }
            }
            return ParameterArrays.builder().add("W", dW).build();
        }
    }

    @Test
    void theFloatSnippetPassesWithFloatSteps() {
        GradientCheckReport report = GradientChecker.defaults().check(new FloatLogistic());

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.settings().precision()).isEqualTo(Precision.FLOAT);
    }

    @Test
    void theOffHeapSnippetPassesAndABugIsNamedWhereTheUserMeansIt() {
        assertThat(GradientChecker.defaults().check(new OffHeapLinear()).passed()).isTrue();

        OffHeapLinear buggy = new OffHeapLinear() {
            @Override
            public ParameterArrays gradient() {
                double[][] dW = new double[2][3];
                for (int r = 0; r < 2; r++) {
                    for (int c = 0; c < 3; c++) {
                        dW[r][c] = residual(r) * x[c];
                    }
                }
                dW[1][2] *= 3;
                return ParameterArrays.builder().add("W", dW).build();
            }
        };
        GradientCheckReport report = GradientChecker.defaults().check(buggy);

        assertThat(report.worstOffenders()).filteredOn(Offender::failing).extracting(Offender::parameter)
                .containsExactly("W[1,2]");
        System.out.println(report);
    }
}
