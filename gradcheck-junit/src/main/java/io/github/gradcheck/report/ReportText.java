package io.github.gradcheck.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link GradientCheckReport} as plain text for a console or a failure message: the
 * verdict line with the course's words, the block table (worst first) and the worst offenders.
 *
 * <p>Numbers are formatted with {@link Locale#ROOT}, so messages read the same on every machine.
 */
public final class ReportText {

    /** Rows of offenders shown when no element fails: enough to show the noise, short enough to skim. */
    private static final int PASSING_ROWS = 3;

    private ReportText() {
    }

    /** The readable summary of any report, passed or failed. */
    public static String summary(GradientCheckReport report) {
        StringBuilder out = new StringBuilder();
        out.append(report.modelName()).append(": ").append(report.passed() ? "PASSED" : "FAILED").append('\n');
        appendBody(report, out);
        return out.toString().stripTrailing();
    }

    /**
     * The message of a failed check, as assertions and the JUnit extension show it: what was
     * expected, then the same body as {@link #summary}.
     */
    public static String failureMessage(GradientCheckReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Expecting the analytic gradient of ").append(report.modelName())
                .append(" to match its numeric gradient, but\n");
        appendBody(report, out);
        return out.toString().stripTrailing();
    }

    private static void appendBody(GradientCheckReport report, StringBuilder out) {
        CheckSettings settings = report.settings();
        out.append("  difference ").append(difference(report.difference()))
                .append(report.passed() ? " ≤ threshold " : " > threshold ").append(setting(settings.threshold()))
                .append(" (ε = ").append(setting(settings.epsilon())).append("): ")
                .append(report.scale().words()).append('\n');
        out.append("  (").append(DifferenceScale.LEGEND).append(")\n\n");

        TextTable blocks = new TextTable("block", "shape", "difference", "", "worst rel. error", "elements failing");
        for (BlockSummary block : worstFirst(report.blocks())) {
            blocks.row(block.name(), block.shapeText(), difference(block.difference()), block.scale().words(),
                    relative(block.worstRelativeError()), block.failingElements() + "/" + block.size());
        }
        blocks.appendTo(out, "  ");

        List<Offender> offenders = shown(report);
        if (!offenders.isEmpty()) {
            out.append('\n');
            if (report.failingElements() > 0) {
                out.append("  worst offenders (").append(offenders.size()).append(" of ")
                        .append(report.failingElements()).append(" failing elements):\n");
            } else {
                out.append("  largest relative errors (no element fails):\n");
            }
            TextTable table = new TextTable("#", "index", "parameter", "analytic", "numeric", "abs. error", "rel. error");
            for (int i = 0; i < offenders.size(); i++) {
                Offender o = offenders.get(i);
                table.row(String.valueOf(i + 1), String.valueOf(o.index()), o.parameter(), value(o.gradient()),
                        value(o.numericGradient()), value(o.absoluteError()), relative(o.relativeError()));
            }
            table.appendTo(out, "  ");
        }
        out.append('\n').append("  ").append(report.parameterCount()).append(report.parameterCount() == 1 ? " parameter, " : " parameters, ")
                .append(report.lossEvaluations()).append(" loss evaluations, ")
                .append(report.gradientEvaluations()).append(report.gradientEvaluations() == 1 ? " gradient evaluation, " : " gradient evaluations, ")
                .append(millis(report)).append('\n');
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

    private static String millis(GradientCheckReport report) {
        long micros = report.duration().toNanos() / 1_000;
        return String.format(Locale.ROOT, "%.1f ms", micros / 1_000.0);
    }

    /** A difference as the report prints it: {@code 2.851e-01}. */
    public static String difference(double value) {
        return String.format(Locale.ROOT, "%.3e", value);
    }

    /** A setting as the user would write it: {@code 1e-7}, {@code 2.5e-6}, {@code 0.001}. */
    public static String setting(double value) {
        String text = Double.toString(value);
        int exponent = text.indexOf('E');
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return exponent < 0 ? mantissa : mantissa + "e" + text.substring(exponent + 1);
    }

    static String relative(double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }

    static String value(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
