package io.github.gradcheck.report.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.internal.text.ReportText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden strings: a second-order check as every front end words it, compared or stopped at its gradient. */
class SecondOrderWordsTest {

    @Test
    void theFailureMessageSaysThatHvWasComparedWithDifferencesOfTheGradientAndNamesTheWrongHessianEntry() {
        assertThat(ReportText.failureMessage(SampleReports.hessian())).isEqualTo("""
                Expecting the Hessian-vector product of Logistic to match the differences of its gradient, but
                  H·v is wrong in the rows of parameter W: 1 of 6 elements mismatch beyond 10× their estimated numerical error: W (1)
                  second order: the Hessian-vector product H·v compared, element by element, with differences of the gradient \
                g, (⟨v, g(θ + εᵢeᵢ)⟩ − ⟨v, g(θ − εᵢeᵢ)⟩) / 2εᵢ; the gradient passed its own check first (difference 3.000e-09)
                  vectors v over 6 parameters: the whole Hessian, one v = e_j per element j; 1 of 6 vectors fails; shown: \
                v = e_{W[0,1]}, the column H[·, W[0,1]]
                  difference 2.000e-01: almost surely a bug (course scale: ≲ 1e-7 great · ~1e-5 look closer · ≳ 1e-3 almost surely a bug)
                  ε = 1e-7; centered differences; loss noise σ ≈ 1.0e-16

                  block  shape  difference                       worst rel. error  mismatch  kink  unreliable  Taylor order
                  W      2×2    3.000e-01   almost surely a bug  0.500             1/4       0     0           1.0
                  b      2      1.000e-10   great                1.00e-10          0/2       0     0           within noise

                  diagnosis:
                    W: 1 of 4 elements of W is wrong, the rest match: W[1,0]

                  worst offenders (1 of 1 mismatch):
                  #  index  parameter  analytic  numeric   abs. error  est. error  rel. error  verdict
                  1  2      W[1,0]     0.900000  0.300000  0.600000    4.0e-10     0.500       mismatch

                  wrong Hessian entries, H[row, column] = (H·e_column)[row] (1, worst first):
                  #  element            analytic  numeric   abs. error  est. error  rel. error
                  1  H[W[1,0], W[0,1]]  0.900000  0.300000  0.600000    4.0e-10     0.500

                  broken contracts:
                    hessianVectorProduct is not linear in v: hessianVectorProduct(2·v₁ − 3·v₂) differs from \
                2·hessianVectorProduct(v₁) − 3·hessianVectorProduct(v₂) at b[1] by 1.00000 (0.500000 against -0.500000): the \
                Hessian-vector product is a matrix times v, so a term that does not scale with v (a constant, the gradient itself, \
                a regularisation term) or that depends on v other than linearly is a bug

                  6 parameters, 50 gradient calls, 8 Hessian-vector products; the gradient's check: 52 loss and 2 gradient \
                evaluations, 3.0 ms""");
    }

    @Test
    void whenTheGradientFailsFirstTheMessageSaysHvWasNotComparedAndWhy() {
        assertThat(ReportText.failureMessage(SampleReports.hessianNotCompared())).startsWith("""
                Expecting the analytic gradient of TinyNet to match its numeric gradient (checked before its Hessian-vector \
                product), but
                  2 of 6 elements mismatch beyond 10× their estimated numerical error: b (2), 1 too small to resolve
                  second order: the Hessian-vector product was NOT compared: the gradient fails its own check (2 mismatching \
                elements), and differences of a wrong gradient would make any verdict on hessianVectorProduct meaningless; this \
                report is the check of gradient(): fix it first
                """);
        assertThat(ReportText.summary(SampleReports.hessianNotCompared())).startsWith("TinyNet: FAILED\n")
                .contains("  second order: the Hessian-vector product was NOT compared");
    }

    @Test
    void theConsoleRowSaysWhetherHvWasCompared() {
        RunSummary summary = new RunSummary(List.of(CheckRecord.of("LogisticTest.hvp", SampleReports.hessian()),
                CheckRecord.of("LogisticTest.gradientFirst", SampleReports.hessianNotCompared())));

        assertThat(SummaryConsole.write(summary, List.of())).isEqualTo("""
                gradcheck: 2 gradient checks: 0 passed, 2 failed
                  test                        model / state  parameters  difference  verdict  diagnosis
                  LogisticTest.hvp            Logistic       6           2.000e-01   failed   H·v compared: 1 of 4 elements of W is wrong, \
                the rest match: W[1,0]; he…
                  LogisticTest.gradientFirst  TinyNet        6           2.000e-01   failed   gradient fails, H·v not compared: \
                analytic b ≈ 4.00 × numeric""");
    }

    @Test
    void theJsonHasASecondOrderMemberAndHessianLabels() {
        String json = SummaryJson.write(new RunSummary(List.of(CheckRecord.of("LogisticTest.hvp", SampleReports.hessian()),
                CheckRecord.of("LogisticTest.gradientFirst", SampleReports.hessianNotCompared()))));

        assertThat(json).contains("""
                        "secondOrder": {
                          "kind": "hessian-vector-product",
                          "compared": true,
                          "gradientPassed": true,
                          "gradientMismatches": 0,
                          "gradientDifference": 3.0E-9,
                          "description": "the Hessian-vector product H·v compared, element by element, with differences \
                of the gradient g, (⟨v, g(θ + εᵢeᵢ)⟩ − ⟨v, g(θ − εᵢeᵢ)⟩) / 2εᵢ; the gradient passed its own check first \
                (difference 3.000e-09)"
                        }""", """
                        "secondOrder": {
                          "kind": "hessian-vector-product",
                          "compared": false,
                          "gradientPassed": false,
                          "gradientMismatches": 2,
                          "gradientDifference": 0.2,
                          "description": "the Hessian-vector product was NOT compared: the gradient fails its own check \
                (2 mismatching elements), and differences of a wrong gradient would make any verdict on hessianVectorProduct \
                meaningless; this report is the check of gradient(): fix it first"
                        }""",
                "\"label\": \"H[W[1,0], W[0,1]]\"",
                "\"description\": \"over 6 parameters: the whole Hessian, one v = e_j per element j; 1 of 6 vectors fails;",
                "\"diagnoses\": [\n        \"the Hessian-vector product was NOT compared:");
        assertThat(json).doesNotContain("∂y[");
    }

    @Test
    void theHtmlPageSaysWhatWasComparedAndShowsHessianEntries() {
        String html = SummaryHtml.write(new RunSummary(List.of(CheckRecord.of("LogisticTest.hvp", SampleReports.hessian()))));

        assertThat(html).contains("<div><dt>second order</dt><dd>the Hessian-vector product H·v compared, element by element, with differences",
                "<div><dt>vectors v</dt><dd>over 6 parameters: the whole Hessian,",
                "<div><dt>cost</dt><dd>6 parameters, 50 gradient calls, 8 Hessian-vector products; the gradient&#39;s check:",
                "<h3>Wrong Hessian entries, H[row, column] = (H·e_column)[row]</h3>",
                "<tr class=\"failed\"><td>1</td><td>H[W[1,0], W[0,1]]</td>",
                "<li>hessianVectorProduct is not linear in v:");
        assertThat(html).doesNotContain("Jacobian", "<dt>layer</dt>");
    }
}
