package io.github.gradcheck.report.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.internal.text.ReportText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden strings: a layer check and its input block as every front end words them. */
class LayerWordsTest {

    @Test
    void theFailureMessageSaysWhichInputIsWrongHowTheLayerWasProbedAndWhatEachBrokenContractMeans() {
        assertThat(ReportText.failureMessage(SampleReports.layer())).isEqualTo("""
                Expecting the backward pass of Dense to match the differences of its forward pass, but
                  the gradient with respect to input x is wrong: 1 of 8 elements mismatch beyond 10× their estimated numerical error: x (1)
                  layer 2 outputs: the whole Jacobian, one probe dy = eᵢ per output i; 2 of 2 probes fail; shown: probe 1, the row ∂y[1]/∂· (the most mismatches)
                  difference 2.500e-01: almost surely a bug (course scale: ≲ 1e-7 great · ~1e-5 look closer · ≳ 1e-3 almost surely a bug)
                  ε = 1e-7; centered differences; loss noise σ ≈ 1.0e-16

                  block      shape  difference                       worst rel. error  mismatch  kink  unreliable  Taylor order
                  x (input)  2      4.000e-01   almost surely a bug  0.333             1/2       0     0           1.0
                  W          2×2    1.000e-11   great                2.00e-11          0/4       0     0           within noise
                  b          2      0.000e+00   great                0.00              0/2       0     0           within noise

                  diagnosis:
                    x (input): 1 of 2 elements of x is wrong, the rest match: x[1]

                  worst offenders (1 of 1 mismatch):
                  #  index  parameter  analytic  numeric    abs. error  est. error  rel. error  verdict
                  1  1      x[1]       -1.50000  -0.750000  0.750000    3.0e-11     0.333       mismatch

                  wrong Jacobian elements (2, worst first):
                  #  element      analytic  numeric    abs. error  est. error  rel. error
                  1  ∂y[1]/∂x[1]  -1.50000  -0.750000  0.750000    3.0e-11     0.333
                  2  ∂y[0]/∂x[1]  0.800000  0.400000   0.400000    2.0e-11     0.333

                  broken contracts:
                    backward is not linear in dy: backward(2·dy₁ − 3·dy₂) differs from 2·backward(dy₁) − 3·backward(dy₂) at b[1] by 1.00000 \
                (0.500000 against -0.500000): a term that does not scale with dy — a regularisation gradient, a constant — belongs outside \
                the layer's backward; a term that depends on dy other than linearly (|dy|, dy², a clip of dy) is a bug in the backward pass

                  2 input and 6 parameter elements, 44 forward calls, 5 backward calls, 2.0 ms""");
    }

    @Test
    void theConsoleRowCountsTheInputElementsAndNamesTheBrokenContract() {
        RunSummary summary = new RunSummary(List.of(CheckRecord.of("DenseTest.check", SampleReports.layer())));

        assertThat(SummaryConsole.write(summary, List.of())).isEqualTo("""
                gradcheck: 1 gradient check: 0 passed, 1 failed
                  test             model / state  parameters   difference  verdict  diagnosis
                  DenseTest.check  Dense          8 (2 input)  2.500e-01   failed   1 of 2 elements of x is wrong, the rest match: x[1] (input); backward i…""");
    }

    @Test
    void theJsonMarksTheInputBlockAndCarriesTheLayersFindings() {
        String json = SummaryJson.write(new RunSummary(List.of(CheckRecord.of("DenseTest.check", SampleReports.layer()))));

        assertThat(json).contains("\"name\": \"x\",\n            \"shape\": [2],\n            \"offset\": 0,\n            \"size\": 2,\n"
                        + "            \"input\": true,",
                "\"name\": \"W\",\n            \"shape\": [2, 2],\n            \"offset\": 2,\n            \"size\": 4,\n"
                        + "            \"input\": false,",
                "\"diagnoses\": [\n        \"x (input): 1 of 2 elements of x is wrong, the rest match: x[1]\",\n"
                        + "        \"backward is not linear in dy: backward(2·dy₁ − 3·dy₂)");
        assertThat(json).contains("""
                        "layer": {
                          "outputs": 2,
                          "wholeJacobian": true,
                          "probes": 2,
                          "failedProbes": 2,
                          "shownProbe": 1,
                          "description": "2 outputs: the whole Jacobian, one probe dy = eᵢ per output i; 2 of 2 probes fail; \
                shown: probe 1, the row ∂y[1]/∂· (the most mismatches)",
                          "forwardCalls": 44,
                          "backwardCalls": 5,
                          "probesWithNoiseEstimate": 2,
                          "wrongJacobianEntries": [
                            {
                              "output": 1,
                              "element": "x[1]",
                              "block": "x",
                              "label": "∂y[1]/∂x[1]",
                              "analytic": -1.5,
                              "numeric": -0.75,
                              "absoluteError": 0.75,
                              "relativeError": 0.3333333333333333,
                              "estimatedError": 3.0E-11
                            },""", """
                          "brokenContracts": [
                            {
                              "kind": "linear-in-dy",
                              "description": "backward is not linear in dy: backward(2·dy₁ − 3·dy₂) differs from \
                2·backward(dy₁) − 3·backward(dy₂) at b[1] by 1.00000 (0.500000 against -0.500000): a term that does not scale \
                with dy — a regularisation gradient, a constant — belongs outside the layer's backward; a term that depends on \
                dy other than linearly (|dy|, dy², a clip of dy) is a bug in the backward pass",
                              "element": "b[1]",
                              "expected": -0.5,
                              "actual": 0.5,
                              "a": 2.0,
                              "b": -3.0
                            }
                          ]
                        }""");
    }

    @Test
    void theHtmlPageMarksTheInputBlockAndShowsTheLayersFindings() {
        String html = SummaryHtml.write(new RunSummary(List.of(CheckRecord.of("DenseTest.check", SampleReports.layer()))));

        assertThat(html).contains("<td>x <span class=\"input\">input</span></td><td>2</td>",
                "<figcaption>x (input) 2", "<td class=\"n\">8 (2 input)</td>",
                "<div><dt>layer</dt><dd>2 outputs: the whole Jacobian, one probe dy = eᵢ per output i; 2 of 2 probes fail;"
                        + " shown: probe 1, the row ∂y[1]/∂· (the most mismatches)</dd></div>",
                "<div><dt>cost</dt><dd>44 forward and 5 backward calls, 2.0 ms</dd></div>",
                "<h3>Wrong Jacobian elements</h3>",
                "<tr class=\"failed\"><td>1</td><td>∂y[1]/∂x[1]</td><td class=\"n\">-1.50000</td><td class=\"n\">-0.750000</td>",
                "<tr class=\"failed\"><td>2</td><td>∂y[0]/∂x[1]</td>",
                "<h3>Diagnosis</h3>\n<ul class=\"diagnoses\">\n<li>x (input): 1 of 2 elements of x is wrong, the rest match: x[1]</li>\n"
                        + "<li>backward is not linear in dy: backward(2·dy₁ − 3·dy₂) differs from 2·backward(dy₁) − 3·backward(dy₂)"
                        + " at b[1] by 1.00000");
        assertThat(html).doesNotContain("<td>W <span");
    }
}
