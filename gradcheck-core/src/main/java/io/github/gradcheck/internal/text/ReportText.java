package io.github.gradcheck.internal.text;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.Precision;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.CrossBlockDiagnosis;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.DifferenceScale;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.Offender;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link GradientCheckReport} as plain text for a console or a failure message: the
 * verdict line with the course's words, the block table (worst first) and the worst offenders.
 *
 * <p>Numbers are formatted by {@code Numbers}, independent of the locale, so messages read the same on every machine.
 */
public final class ReportText {

    /** Rows of offenders shown when no element fails: enough to show the noise, short enough to skim. */
    private static final int PASSING_ROWS = 3;

    private ReportText() {
    }

    /**
     * The loss's noise as every front end shows it: {@code σ ≈ 2.0e-14}, or, where the check did not
     * measure it, that and why.
     *
     * @param report the report
     * @return e.g. {@code σ ≈ 2.0e-14}
     */
    public static String noise(GradientCheckReport report) {
        return report.noiseEstimated() ? "σ ≈ " + Numbers.magnitude(report.noise())
                : "not estimated (every element matched at the tightest tolerance)";
    }

    /**
     * The readable summary of any report, passed or failed.
     *
     * @param report the report
     * @return lines without a trailing newline, the first naming the model and the verdict
     */
    public static String summary(GradientCheckReport report) {
        StringBuilder out = new StringBuilder();
        out.append(report.modelName()).append(": ").append(report.passed() ? "PASSED" : "FAILED").append('\n');
        appendBody(report, out);
        return out.toString().stripTrailing();
    }

    /**
     * The message of a failed check, as assertions and the JUnit extension show it: what was
     * expected, then the same body as {@link #summary}.
     *
     * @param report the failed check's report
     * @return lines without a trailing newline
     */
    public static String failureMessage(GradientCheckReport report) {
        StringBuilder out = new StringBuilder();
        if (report.layer().isPresent() || report.secondOrder().isPresent()) {
            out.append(LayerText.expecting(report)).append('\n');
        } else {
            out.append("Expecting the analytic gradient of ").append(report.modelName())
                    .append(" to match its numeric gradient, but\n");
        }
        appendBody(report, out);
        return out.toString().stripTrailing();
    }

    private static void appendBody(GradientCheckReport report, StringBuilder out) {
        CheckSettings settings = report.settings();
        out.append("  ").append(verdict(report)).append('\n');
        if (report.secondOrder().isPresent()) {
            out.append("  second order: ").append(SecondOrderText.line(report)).append('\n');
        }
        report.layer().ifPresent(layer -> out.append("  ").append(LayerText.probesTerm(report)).append(' ')
                .append(LayerText.probes(report, layer)).append('\n'));
        out.append("  difference ").append(DifferenceText.reading(report)).append(" (").append(DifferenceScale.LEGEND).append(")\n");
        if (report.mode() != CheckMode.FULL) {
            out.append("  ").append(mode(report)).append('\n');
        }
        out.append("  ").append(settings.step().describe()).append(settings.precision() == Precision.FLOAT ? " (float precision)" : "")
                .append("; ").append(settings.stencil() == Stencil.CENTERED ? "centered" : "five-point")
                .append(" differences; loss noise ").append(noise(report))
                .append('\n').append('\n');

        TextTable blocks = new TextTable("block", "shape", "difference", "", "worst rel. error", "mismatch", "kink",
                "unreliable", "Taylor order");
        for (BlockSummary block : worstFirst(report.blocks())) {
            blocks.row(LayerText.blockName(block), block.shapeText(), Numbers.difference(block.difference()), DifferenceText.blockWords(block),
                    Numbers.ratio(block.worstRelativeError()), block.mismatches() + "/" + block.size(),
                    String.valueOf(block.kinks()), String.valueOf(block.unreliable()), block.taylor().describe());
        }
        blocks.appendTo(out, "  ");

        // Findings about several blocks come first; a block they explain is not repeated line by line.
        List<BlockSummary> diagnosed = worstFirst(report.blocks()).stream()
                .filter(block -> block.diagnosis().kind() != Diagnosis.Kind.NONE && !report.explainedAcrossBlocks(block.name()))
                .toList();
        if (!diagnosed.isEmpty() || !report.crossBlockDiagnoses().isEmpty()) {
            out.append('\n').append("  diagnosis:\n");
            for (CrossBlockDiagnosis finding : report.crossBlockDiagnoses()) {
                out.append("    ").append(DiagnosisText.sentence(finding, report)).append('\n');
            }
            for (BlockSummary block : diagnosed) {
                out.append("    ").append(LayerText.blockName(block)).append(": ").append(DiagnosisText.sentence(block, report.mode())).append('\n');
            }
        }

        List<Offender> offenders = shown(report);
        if (!offenders.isEmpty()) {
            out.append('\n');
            if (report.mismatches() > 0) {
                out.append("  worst offenders (").append(offenders.size()).append(" of ")
                        .append(report.mismatches()).append(report.mismatches() == 1 ? " mismatch):\n" : " mismatches):\n");
            } else {
                out.append("  largest relative errors (no element mismatches):\n");
            }
            TextTable table = new TextTable("#", "index", "parameter", "analytic", "numeric", "abs. error",
                    "est. error", "rel. error", "verdict");
            for (int i = 0; i < offenders.size(); i++) {
                Offender o = offenders.get(i);
                table.row(String.valueOf(i + 1), String.valueOf(o.index()), o.parameter(), Numbers.value(o.gradient()),
                        Numbers.value(o.numericGradient()), Numbers.value(o.absoluteError()),
                        Numbers.magnitude(o.estimatedError()), Numbers.ratio(o.relativeError()),
                        o.verdict().name().toLowerCase(Locale.ROOT));
            }
            table.appendTo(out, "  ");
        }
        report.layer().ifPresent(layer -> LayerText.append(report, layer, out));
        if (!report.warnings().isEmpty()) {
            out.append('\n').append("  warnings:\n");
            for (String warning : report.warnings()) {
                out.append("    - ").append(warning).append('\n');
            }
        }
        out.append('\n').append("  ");
        if (report.layer().isPresent()) {
            out.append(LayerText.cost(report, report.layer().get())).append(", ");
        } else {
            out.append(report.parameterCount()).append(report.parameterCount() == 1 ? " parameter, " : " parameters, ")
                    .append(report.lossEvaluations()).append(" loss evaluations, ")
                    .append(report.gradientEvaluations()).append(report.gradientEvaluations() == 1 ? " gradient evaluation, " : " gradient evaluations, ");
        }
        out.append(Numbers.millis(report.duration())).append('\n');
    }

    /** What a partial check looked at, its seed to replay it, and what a full check would cost. */
    private static String mode(GradientCheckReport report) {
        String what = report.mode() == CheckMode.SAMPLED
                ? "sampled mode, " + report.settings().samplesPerBlock() + " elements per block"
                : "random-direction mode";
        return what + " (seed " + report.settings().seed() + "): " + report.checkedElements() + " of "
                + report.parameterCount() + " elements checked one by one, " + report.lossEvaluations()
                + " loss evaluations; a full check costs at least " + report.fullCheckEvaluations();
    }

    /** The verdict in one line: how many elements mismatch and where, or that all match. */
    private static String verdict(GradientCheckReport report) {
        String margin = Numbers.setting(report.settings().margin()) + "× their estimated numerical error";
        String others = (report.kinks() > 0 ? ", " + report.kinks() + " at a kink of the loss" : "")
                + (report.unreliable() > 0 ? ", " + report.unreliable() + " too small to resolve" : "");
        if (report.mismatches() == 0) {
            int broken = report.layer().map(layer -> layer.brokenContracts().size()).orElse(0);
            String breaker = SecondOrderText.compared(report).isPresent() ? SecondOrderText.shortName(report)
                    : "the backward pass";
            return "every element matches within " + margin + others + (broken == 0 ? ""
                    : ", but " + breaker + " breaks " + (broken == 1 ? "a contract" : broken + " contracts") + " (below)");
        }
        List<String> where = new ArrayList<>();
        List<BlockSummary> failing = new ArrayList<>();
        for (BlockSummary block : worstFirst(report.blocks())) {
            if (block.mismatches() > 0) {
                where.add(block.name() + " (" + block.mismatches() + ")");
                failing.add(block);
            }
        }
        String which = SecondOrderText.compared(report).isPresent() ? SecondOrderText.wrongBlocks(report, failing) + ": "
                : LayerText.namesRoles(report) ? LayerText.wrongGradients(failing) + ": " : "";
        return which
                + report.mismatches() + " of " + report.parameterCount() + " elements mismatch beyond " + margin + ": "
                + String.join(", ", where) + others;
    }

    /**
     * The offenders worth a row: the failing ones if any fail; otherwise the few elements closest
     * to failing, as a sense of the noise level.
     */
    private static List<Offender> shown(GradientCheckReport report) {
        List<Offender> failing = report.worstOffenders().stream().filter(Offender::failing).toList();
        if (!failing.isEmpty()) {
            return failing;
        }
        List<Offender> all = report.worstOffenders();
        return all.subList(0, Math.min(PASSING_ROWS, all.size()));
    }

    /** Blocks by difference, largest first; ties keep θ's order. */
    private static List<BlockSummary> worstFirst(List<BlockSummary> blocks) {
        List<BlockSummary> sorted = new ArrayList<>(blocks);
        sorted.sort(Comparator.comparingDouble(BlockSummary::difference).reversed());
        return sorted;
    }
}
