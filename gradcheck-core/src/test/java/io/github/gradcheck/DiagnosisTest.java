package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gradcheck.internal.text.DiagnosisText;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.Diagnosis.Kind;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each kind of wrong gradient is named, with the fitted number, and only where the fit is good. */
class DiagnosisTest {

    /** θ = (W 3×3, b 3, v 6); J = Σ aₖθₖ²/2 + Σ cₖ sin θₖ + λ/2 ‖W‖², separable, all derivatives distinct. */
    private static final ParameterLayout LAYOUT = ParameterLayout.builder().matrix("W", 3, 3).vector("b", 3).vector("v", 6).build();
    private static final int W = 0;
    private static final int B = 9;
    private static final int V = 12;
    private static final int N = 18;
    private static final double[] THETA = new double[N];
    private static final double[] A = new double[N];
    private static final double[] C = new double[N];

    static {
        for (int k = 0; k < N; k++) {
            THETA[k] = 0.3 + 0.17 * k - 0.011 * k * k;
            A[k] = 1 + 0.37 * k;
            C[k] = 0.5 - 0.09 * k;
        }
    }

    /** The check of a model whose loss has an L2 term λ on W and whose gradient is {@code mutate}d from the true one. */
    private static GradientCheckReport check(double lambda, int batchSize, UnaryOperator<double[]> mutate) {
        return check(GradientChecker.defaults(), lambda, batchSize, mutate);
    }

    private static GradientCheckReport check(GradientChecker checker, double lambda, int batchSize,
                                             UnaryOperator<double[]> mutate) {
        DifferentiableFunction function = new DifferentiableFunction() {
            @Override
            public ParameterLayout layout() {
                return LAYOUT;
            }

            @Override
            public double loss(double[] t) {
                double sum = 0;
                for (int k = 0; k < N; k++) {
                    sum += A[k] * t[k] * t[k] / 2 + C[k] * Math.sin(t[k]) + (k < B ? lambda / 2 * t[k] * t[k] : 0);
                }
                return sum;
            }

            @Override
            public double[] gradient(double[] t) {
                double[] g = new double[N];
                for (int k = 0; k < N; k++) {
                    g[k] = A[k] * t[k] + C[k] * Math.cos(t[k]) + (k < B ? lambda * t[k] : 0);
                }
                return mutate.apply(g);
            }

            @Override
            public int batchSize() {
                return batchSize;
            }
        };
        return checker.check(function, THETA);
    }

    /** The diagnosis of {@code block} in the words every front end shows. */
    private static String sentence(GradientCheckReport report, String block) {
        return DiagnosisText.sentence(report.block(block), report.mode());
    }

    private static UnaryOperator<double[]> onBlock(int from, int to, java.util.function.IntUnaryOperator source,
                                                   double factor) {
        return g -> {
            double[] copy = g.clone();
            for (int k = from; k < to; k++) {
                copy[k] = factor * g[source.applyAsInt(k)];
            }
            return copy;
        };
    }

    @Test
    void aCorrectGradientHasNothingToDiagnose() {
        GradientCheckReport report = check(0.1, 0, g -> g);

        assertThat(report.passed()).isTrue();
        assertThat(report.blocks()).allSatisfy(block -> assertThat(block.diagnosis().kind()).isEqualTo(Kind.NONE));
    }

    @Test
    void aBlockLeftAtZero() {
        GradientCheckReport report = check(0, 0, onBlock(B, V, k -> k, 0));
        Diagnosis d = report.block("b").diagnosis();

        assertThat(d.kind()).isEqualTo(Kind.ZERO);
        assertThat(d.numericNorm()).isPositive();
        assertThat(sentence(report, "b")).startsWith("gradient never reaches b: analytic is all zeros, numeric is not");
    }

    @Test
    void aFlippedSign() {
        GradientCheckReport report = check(0, 0, onBlock(V, N, k -> k, -1));
        Diagnosis d = report.block("v").diagnosis();

        assertThat(d.kind()).isEqualTo(Kind.SIGN_FLIPPED);
        assertThat(d.factor()).isCloseTo(-1, within(1e-6));
        assertThat(d.fitResidual()).isLessThan(1e-6);
    }

    @Test
    void aConstantFactorThatIsTheBatchSizeReadsAsAForgottenOneOverM() {
        GradientCheckReport report = check(0, 32, onBlock(W, B, k -> k, 32));
        Diagnosis d = report.block("W").diagnosis();

        assertThat(d.kind()).isEqualTo(Kind.SCALED);
        assertThat(d.batchSize()).isEqualTo(32);
        assertThat(sentence(report, "W")).startsWith("analytic W ≈ 32.0 × numeric (the batch size m = 32: a forgotten 1/m)");
    }

    @Test
    void anIntegerFactorWithoutAKnownBatchSize() {
        GradientCheckReport report = check(0, 0, onBlock(W, B, k -> k, 4));
        Diagnosis d = report.block("W").diagnosis();

        assertThat(d.kind()).isEqualTo(Kind.SCALED);
        assertThat(d.factor()).isCloseTo(4, within(1e-6));
        assertThat(sentence(report, "W")).startsWith("analytic W ≈ 4.00 × numeric (an integer factor: a 1/4 forgotten");
    }

    @Test
    void aTransposedSquareBlock() {
        GradientCheckReport report = check(0, 0, onBlock(W, B, k -> (k % 3) * 3 + k / 3, 1));
        Diagnosis d = report.block("W").diagnosis();

        assertThat(d.kind()).isEqualTo(Kind.TRANSPOSED);
        assertThat(sentence(report, "W")).startsWith("analytic W ≈ numeric transposed");
    }

    @Test
    void anIndexOffByOne() {
        GradientCheckReport report = check(0, 0, onBlock(V, N, k -> Math.min(k + 1, N - 1), 1));
        Diagnosis d = report.block("v").diagnosis();

        assertThat(d.kind()).isEqualTo(Kind.SHIFTED);
        assertThat(d.shift()).isEqualTo(1);
        assertThat(sentence(report, "v")).startsWith("analytic v[k] ≈ numeric v[k + 1]");
    }

    @Test
    void aColumnIndexOffByOneShiftsWithinRows() {
        // analytic W[r][c] = numeric W[r][c + 1]; the last column has no neighbour and is left as it was.
        GradientCheckReport report = check(0, 0, g -> {
            double[] copy = g.clone();
            for (int k = W; k < B; k++) {
                if (k % 3 != 2) {
                    copy[k] = g[k + 1];
                }
            }
            return copy;
        });
        Diagnosis d = report.block("W").diagnosis();

        assertThat(d.kind()).isEqualTo(Kind.SHIFTED);
        assertThat(d.shift()).isEqualTo(1);
    }

    @Test
    void aColumnVectorIsNotMistakenForShiftedRows() {
        // b is a vector: scaled by 4, it must read as a factor, not as a shift between its one-element rows.
        GradientCheckReport report = check(0, 0, onBlock(B, V, k -> k, 4));
        Diagnosis d = report.block("b").diagnosis();

        assertThat(d.kind()).isEqualTo(Kind.SCALED);
    }

    @Test
    void aMissingL2Term() {
        // The loss has λ/2‖W‖² with λ = 0.3, the gradient forgets λ·W.
        GradientCheckReport report = check(0.3, 0, g -> {
            double[] copy = g.clone();
            for (int k = W; k < B; k++) {
                copy[k] -= 0.3 * THETA[k];
            }
            return copy;
        });
        Diagnosis d = report.block("W").diagnosis();

        assertThat(d.kind()).isEqualTo(Kind.REGULARIZATION);
        assertThat(d.lambda()).isCloseTo(-0.3, within(1e-6));
        assertThat(sentence(report, "W")).startsWith("analytic W lacks an L2 term: numeric − analytic ≈ 0.300·W");
    }

    @Test
    void anExtraL2Term() {
        GradientCheckReport report = check(0, 0, g -> {
            double[] copy = g.clone();
            for (int k = W; k < B; k++) {
                copy[k] += 0.05 * THETA[k];
            }
            return copy;
        });
        Diagnosis d = report.block("W").diagnosis();

        assertThat(d.kind()).isEqualTo(Kind.REGULARIZATION);
        assertThat(d.lambda()).isCloseTo(0.05, within(1e-6));
        assertThat(sentence(report, "W")).startsWith("analytic W has an extra L2 term: analytic − numeric ≈ 0.0500·W");
    }

    @Test
    void aFewWrongElements() {
        GradientCheckReport report = check(0, 0, g -> {
            double[] copy = g.clone();
            copy[V + 2] *= 1.5;
            return copy;
        });
        Diagnosis d = report.block("v").diagnosis();

        assertThat(d.kind()).isEqualTo(Kind.FEW_ELEMENTS);
        assertThat(d.wrongElements()).containsExactly(2);
        assertThat(sentence(report, "v")).isEqualTo("1 of 6 elements of v is wrong, the rest match: v[2]");
    }

    @Test
    void noPatternIsClaimedWithoutAGoodFit() {
        GradientCheckReport report = check(0, 0, g -> {
            double[] copy = g.clone();
            for (int k = V; k < N; k++) {
                copy[k] = Math.sin(7 * k);
            }
            return copy;
        });
        Diagnosis d = report.block("v").diagnosis();

        assertThat(d.kind()).isEqualTo(Kind.UNEXPLAINED);
        assertThat(d.fitResidual()).isGreaterThan(Diagnosis.GOOD_FIT);
        assertThat(sentence(report, "v")).startsWith("no simple pattern (factor, sign, transpose, shift, L2 term, a few elements) explains v");
        assertThat(DiagnosisText.brief(report.block("v"), report.mode())).isEqualTo("no simple pattern");
    }

    @Test
    void aBlockCheckedOnlyInPartIsDiagnosedForItsCheckedElementsWhereTheyAgreeOnAFactor() {
        GradientChecker sampled = GradientChecker.defaults().withMode(CheckMode.SAMPLED).withSamplesPerBlock(3);
        GradientCheckReport report = check(sampled, 0, 0, onBlock(W, B, k -> k, 4));
        Diagnosis d = report.block("W").diagnosis();

        assertThat(d.kind()).isEqualTo(Kind.SCALED);
        assertThat(d.factor()).isCloseTo(4, within(1e-6));
        assertThat(d.checkedElements()).isEqualTo(3);
        assertThat(DiagnosisText.brief(report.block("W"), report.mode()))
                .isEqualTo("analytic W ≈ 4.00 × numeric on the 3 of 9 elements checked");
        assertThat(sentence(report, "W")).startsWith("analytic W ≈ 4.00 × numeric on the 3 of 9 elements checked (an integer"
                + " factor: a 1/4 forgotten, or a term counted 4 times?) (fit residual ").endsWith(") (sampled mode: the other"
                + " elements were not checked; a full check of W would say whether the whole block is so)");
    }

    @Test
    void aBlockCheckedOnlyInPartWhoseCheckedElementsShowNoOneFactorIsNotDiagnosed() {
        GradientChecker sampled = GradientChecker.defaults().withMode(CheckMode.SAMPLED).withSamplesPerBlock(3);
        GradientCheckReport report = check(sampled, 0, 0, onBlock(W, W + 1, k -> k, 4));
        Diagnosis d = report.block("W").diagnosis();

        assertThat(report.block("W").mismatches()).isEqualTo(1);
        assertThat(d.kind()).isEqualTo(Kind.NOT_DIAGNOSED);
        assertThat(sentence(report, "W")).isEqualTo(d.checkedElements() + " of 9 elements of W were checked (sampled mode);"
                + " a full check of the block would diagnose it");
    }
}
