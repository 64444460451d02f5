package io.github.gradcheck.report.summary;

import static io.github.gradcheck.internal.report.ReportFactory.block;
import static io.github.gradcheck.internal.report.ReportFactory.report;
import static io.github.gradcheck.internal.report.ReportFactory.taylorTest;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.internal.report.Diagnoses;
import io.github.gradcheck.internal.text.DiagnosisText;
import io.github.gradcheck.internal.text.ReportText;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.CrossBlockDiagnosis;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.GradientCheckReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words of the diagnoses across blocks and of the new block kinds, pinned, in every front end that shows them. */
class CrossBlockWordsTest {

    /** A two-layer net (W1 2×3, b1 3, W2 3×1, b2 1) whose blocks have the given diagnoses, failing where not NONE. */
    private static GradientCheckReport net(List<Diagnosis> diagnoses, List<CrossBlockDiagnosis> findings) {
        String[] names = {"W1", "b1", "W2", "b2"};
        List<List<Integer>> shapes = List.of(List.of(2, 3), List.of(3), List.of(3, 1), List.of(1));
        int[] sizes = {6, 3, 3, 1};
        List<BlockSummary> blocks = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < names.length; i++) {
            boolean failing = diagnoses.get(i).kind() != Diagnosis.Kind.NONE;
            blocks.add(block().name(names[i]).shape(shapes.get(i)).offset(offset).size(sizes[i]).difference(failing ? 0.7 : 1e-9)
                    .differenceOfMatches(failing ? 0 : 1e-9)
                    .worstRelativeError(failing ? 0.8 : 1e-9).mismatches(failing ? sizes[i] : 0).kinks(0).unreliable(0)
                    .diagnosis(diagnoses.get(i)).taylor(taylorTest(List.of(1e-2), List.of(1e-6), 2.0)).build());
            offset += sizes[i];
        }
        return report().modelName("Net").settings(SampleReports.SETTINGS).mode(CheckMode.FULL).loss(1).noise(1e-16)
                .difference(0.7).differenceOfMatches(1e-9).differenceOfMismatches(0.7).checkedElements(13).blocks(blocks).worstOffenders(List.of()).crossBlockDiagnoses(findings)
                .gradient(new double[13]).numericGradient(new double[13]).lossEvaluations(40).gradientEvaluations(2)
                .fullCheckEvaluations(40).duration(Duration.ofMillis(1)).build();
    }

    private static final List<String> ALL = List.of("W1", "b1", "W2", "b2");

    @Test
    void oneFactorForTheWholeGradientIsOneLineAtTheTopInsteadOfOnePerBlock() {
        Diagnosis eight = Diagnoses.scaled(8, 8, 1e-12);
        GradientCheckReport report = net(List.of(eight, eight, eight, eight),
                List.of(Diagnoses.wholeGradientScaled(ALL, 8, 8, 2e-12)));
        String line = "the whole gradient is ×8.00: the loss's 1/m (m = 8) is missing, or a learning rate / clipping is folded"
                + " into gradient() (fit residual 2.0e-12)";

        assertThat(ReportText.failureMessage(report)).contains("  diagnosis:\n    " + line + "\n\n").doesNotContain("W1: analytic");
        assertThat(CheckRecord.diagnoses(report)).containsExactly(line);
        assertThat(CheckRecord.of("T.t", report).shortDiagnosis()).isEqualTo("the whole gradient is ×8.00");
        assertThat(SummaryJson.write(new RunSummary(List.of(CheckRecord.of("T.t", report))))).contains("""
                        "crossBlockDiagnoses": [
                          {
                            "kind": "whole-gradient-scaled",
                            "description": "%s",
                            "blocks": [
                              "W1",
                              "b1",
                              "W2",
                              "b2"
                            ],
                            "factor": 8.0,
                            "batchSize": 8,
                            "fitResidual": 2.0E-12
                          }
                        ],""".formatted(line).indent(8).stripTrailing());
        assertThat(SummaryHtml.write(new RunSummary(List.of(CheckRecord.of("T.t", report))))).contains("<li>" + line
                .replace("'", "&#39;") + "</li>");
    }

    @Test
    void theOtherWholeGradientFindings() {
        assertThat(DiagnosisText.sentence(Diagnoses.wholeGradientScaled(ALL, -1, 8, 1e-13), net(none(), List.of())))
                .isEqualTo("the whole gradient has the wrong sign (×−1): gradient() returns −∇J, the descent direction, or the"
                        + " loss's sign is flipped in the backward pass (fit residual 1.0e-13)");
        assertThat(DiagnosisText.sentence(Diagnoses.wholeGradientScaled(ALL, 0.01, 8, 1e-13), net(none(), List.of())))
                .isEqualTo("the whole gradient is ×0.0100: a learning rate, a clipping or a scale is folded into gradient(), or"
                        + " a constant of the loss is missing from it (fit residual 1.0e-13)");
        assertThat(DiagnosisText.sentence(Diagnoses.wholeDataTermScaled(ALL, 8, 8, 3e-10), net(none(), List.of())))
                .isEqualTo("the whole gradient's data term is ×8.00, its L2 terms right: the loss's 1/m (m = 8) is missing"
                        + " from the data term only (fit residual 3.0e-10)");
    }

    @Test
    void swappedBlocksAreOneLineAndTheirOwnLinesGo() {
        Diagnosis unexplained = Diagnoses.unexplained(0.3, 0.9);
        GradientCheckReport report = net(List.of(Diagnoses.none(), unexplained, Diagnoses.none(), unexplained),
                List.of(Diagnoses.swappedBlocks("b1", "b2", 4e-11)));

        assertThat(CheckRecord.diagnoses(report)).containsExactly("analytic b1 ≈ numeric b2 and analytic b2 ≈ numeric b1: the"
                + " two blocks' gradients are swapped (fit residual 4.0e-11)");
    }

    @Test
    void whereTheErrorEntersKeepsTheBlocksOwnLines() {
        Diagnosis unexplained = Diagnoses.unexplained(0.3, 0.9);
        GradientCheckReport report = net(List.of(unexplained, unexplained, Diagnoses.none(), Diagnoses.none()),
                List.of(Diagnoses.errorEnters(List.of("W1", "b1"), Double.NaN, 0, List.of(2), false, 1e-9)));

        assertThat(CheckRecord.diagnoses(report)).hasSize(3).first().isEqualTo("the error enters the backward pass at b1: W2, b2"
                + " match and W1, b1 fail, so the error enters in the backward step that produces b1 (an activation derivative,"
                + " or the delta flowing into that layer) and flows back to the blocks before it; only row 2 of b1 carries it"
                + " (the units whose derivative is wrong) (share of the error in the matching blocks 1.0e-09)");
        assertThat(DiagnosisText.sentence(Diagnoses.errorEnters(List.of("W1", "b1"), 2, 8, List.of(0, 2), true, 1e-9), report))
                .contains("; only columns 0, 2 of b1 carry it (the units whose derivative is wrong); every failing block is ×2.00:"
                        + " the delta is scaled there (share");
    }

    @Test
    void theNewBlockKinds() {
        GradientCheckReport report = net(List.of(Diagnoses.columnMajor(true, 1e-12), Diagnoses.dataTermScaled(8, 0.01, 8, 2e-9),
                Diagnoses.columnMajor(false, 1e-12), Diagnoses.none()), List.of());

        assertThat(CheckRecord.diagnoses(report)).containsExactly(
                "W1: analytic W1 holds numeric W1 in column-major order: its flat values are the numeric gradient's read column"
                        + " by column (a column-major ('f') array, or the gradient of the transpose, copied flat into a row-major"
                        + " block) (fit residual 1.0e-12)",
                "b1: analytic b1 ≈ 8.00 × (numeric − 0.0100·b1) + 0.0100·b1: the data term is ×8.00, the L2 term right (the"
                        + " loss's 1/m, m = 8, forgotten on the data term only) (fit residual 2.0e-09)",
                "W2: numeric W2 is analytic W2 in column-major order: the parameters are flattened column by column"
                        + " (column-major, 'f'), the gradient row by row (fit residual 1.0e-12)");
        assertThat(SummaryJson.write(new RunSummary(List.of(CheckRecord.of("T.t", report)))))
                .contains("\"kind\": \"column-major\"", "\"columnMajor\": \"analytic\"", "\"columnMajor\": \"numeric\"",
                        "\"kind\": \"data-term-scaled\"", "\"factor\": 8.0,\n", "\"lambda\": 0.01,\n");
    }

    private static List<Diagnosis> none() {
        return List.of(Diagnoses.none(), Diagnoses.none(), Diagnoses.none(), Diagnoses.none());
    }
}
