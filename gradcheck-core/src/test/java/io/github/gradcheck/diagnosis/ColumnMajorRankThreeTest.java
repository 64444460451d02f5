package io.github.gradcheck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.internal.text.DiagnosisText;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.GradientCheckReport;
import org.junit.jupiter.api.Test;

/** Column-major order beyond matrices: a 2×3×4 kernel whose gradient is copied flat from a column-major ('f') array. */
class ColumnMajorRankThreeTest {

    private static final ParameterLayout LAYOUT = ParameterLayout.builder().block("K", 2, 3, 4).build();

    @Test
    void aKernelCopiedFromAColumnMajorArray() {
        double[] a = Bugs.values(24, 41);
        DifferentiableFunction kernel = new DifferentiableFunction() {
            @Override
            public ParameterLayout layout() {
                return LAYOUT;
            }

            @Override
            public double loss(double[] t) {
                double sum = 0;
                for (int k = 0; k < t.length; k++) {
                    sum += Math.cosh(t[k]) * (1 + a[k]);
                }
                return sum;
            }

            @Override
            public double[] gradient(double[] t) {
                // The right gradient laid out first index fastest, as a column-major array, then read flat.
                double[] g = new double[24];
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 3; j++) {
                        for (int l = 0; l < 4; l++) {
                            int rowMajor = (i * 3 + j) * 4 + l;
                            g[i + 2 * (j + 3 * l)] = Math.sinh(t[rowMajor]) * (1 + a[rowMajor]);
                        }
                    }
                }
                return g;
            }
        };

        GradientCheckReport report = GradientChecker.defaults().check(kernel, Bugs.values(24, 42));
        Diagnosis d = report.block("K").diagnosis();

        assertThat(d.kind()).isEqualTo(Diagnosis.Kind.COLUMN_MAJOR);
        assertThat(d.analyticColumnMajor()).isTrue();
        assertThat(DiagnosisText.brief(report.block("K"), report.mode())).isEqualTo("analytic K holds numeric K in column-major order");
    }
}
