package io.github.gradcheck.internal.text;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.internal.format.Shapes;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.CrossBlockDiagnosis;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A block's {@link Diagnosis} in words, the one place they are written: the failure messages, the
 * console and HTML summaries and the JSON all read the same sentence. Each sentence begins with a
 * brief finding ({@code analytic b ≈ 4.00 × numeric}), the words a table cell has room for; the
 * rest says why it matters and how good the fit is.
 */
public final class DiagnosisText {

    /** Wrong elements named by a few-elements diagnosis; more are an ellipsis. */
    private static final int NAMED_ELEMENTS = 5;

    private DiagnosisText() {
    }

    /**
     * The diagnosis of {@code block} as one sentence, e.g.
     * {@code analytic b ≈ 4.00 × numeric (an integer factor: a 1/4 forgotten, or a term counted 4 times?) (fit residual 1.0e-09)}.
     *
     * @param block a block of a report
     * @param mode the check's mode, which a block that was not diagnosed names as the reason
     * @return the sentence; {@code matches} for {@link Diagnosis.Kind#NONE}
     */
    public static String sentence(BlockSummary block, CheckMode mode) {
        Words words = words(block, mode);
        return words.brief() + words.rest();
    }

    /**
     * The first clause of {@link #sentence}, for a table cell, e.g. {@code analytic b ≈ 4.00 × numeric}.
     *
     * @param block a block of a report
     * @param mode the check's mode
     * @return the brief finding
     */
    public static String brief(BlockSummary block, CheckMode mode) {
        return words(block, mode).brief();
    }

    /**
     * A finding about several blocks as one sentence, e.g. {@code the whole gradient is ×8.00: the loss's
     * 1/m (m = 8) is missing, or a learning rate / clipping is folded into gradient() (fit residual 1.2e-16)}.
     *
     * @param finding one of {@code report}'s cross-block diagnoses
     * @param report the report, whose other blocks an entering error names
     * @return the sentence
     */
    public static String sentence(CrossBlockDiagnosis finding, GradientCheckReport report) {
        Words words = words(finding, report);
        return words.brief() + words.rest();
    }

    /**
     * The first clause of {@link #sentence(CrossBlockDiagnosis, GradientCheckReport)}, for a table cell.
     *
     * @param finding one of {@code report}'s cross-block diagnoses
     * @param report the report
     * @return the brief finding, e.g. {@code the whole gradient is ×8.00}
     */
    public static String brief(CrossBlockDiagnosis finding, GradientCheckReport report) {
        return words(finding, report).brief();
    }

    private static Words words(CrossBlockDiagnosis d, GradientCheckReport report) {
        String fit = " (fit residual " + Numbers.magnitude(d.fitResidual()) + ")";
        List<String> blocks = d.blocks();
        return switch (d.kind()) {
            case WHOLE_GRADIENT_SCALED -> Math.abs(d.factor() + 1) < 0.01
                    ? new Words("the whole gradient has the wrong sign (×−1)", ": gradient() returns −∇J, the descent"
                            + " direction, or the loss's sign is flipped in the backward pass" + fit)
                    : new Words("the whole gradient is ×" + Numbers.ratio(d.factor()),
                            ": " + wholeFactorHint(d.factor(), d.batchSize()) + fit);
            case WHOLE_DATA_TERM_SCALED -> new Words("the whole gradient's data term is ×" + Numbers.ratio(d.factor())
                    + ", its L2 terms right", ": " + (matchesBatch(d.factor(), d.batchSize())
                            ? "the loss's 1/m (m = " + d.batchSize() + ") is missing from the data term only"
                            : "a factor on the data term only, none on the L2 term") + fit);
            case SWAPPED_BLOCKS -> new Words("analytic " + blocks.get(0) + " ≈ numeric " + blocks.get(1) + " and analytic "
                    + blocks.get(1) + " ≈ numeric " + blocks.get(0) + ": the two blocks' gradients are swapped", fit);
            case ERROR_ENTERS -> errorEnters(d, report);
        };
    }

    private static Words errorEnters(CrossBlockDiagnosis d, GradientCheckReport report) {
        List<String> failing = d.blocks();
        String last = failing.get(failing.size() - 1);
        List<String> matching = new ArrayList<>();
        for (BlockSummary block : report.blocks()) {
            if (!failing.contains(block.name())) {
                matching.add(block.name());
            }
        }
        StringBuilder rest = new StringBuilder(": ").append(String.join(", ", matching))
                .append(matching.size() == 1 ? " matches" : " match").append(" and ").append(String.join(", ", failing))
                .append(" fail, so the error enters in the backward step that produces ").append(last)
                .append(" (an activation derivative, or the delta flowing into that layer) and flows back to the blocks"
                        + " before it");
        if (!d.units().isEmpty()) {
            rest.append("; only ").append(d.unitsAreColumns() ? "column" : "row").append(d.units().size() == 1 ? " " : "s ")
                    .append(d.units().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                    .append(" of ").append(last).append(d.units().size() == 1 ? " carries" : " carry")
                    .append(" it (the units whose derivative is wrong)");
        }
        if (!Double.isNaN(d.factor())) {
            rest.append("; every failing block is ×").append(Numbers.ratio(d.factor())).append(": the delta is scaled there");
        }
        return new Words("the error enters the backward pass at " + last,
                rest.append(" (share of the error in the matching blocks ").append(Numbers.magnitude(d.fitResidual()))
                        .append(")").toString());
    }

    private static boolean matchesBatch(double factor, int batchSize) {
        return batchSize > 1 && Math.abs(factor - batchSize) < 0.01 * batchSize;
    }

    /** What one factor on the whole gradient suggests: the batch size, an integer, 1/m, or a learning rate. */
    private static String wholeFactorHint(double factor, int batchSize) {
        double rounded = Math.rint(factor);
        if (matchesBatch(factor, batchSize)) {
            return "the loss's 1/m (m = " + batchSize + ") is missing, or a learning rate / clipping is folded into gradient()";
        }
        if (batchSize > 1 && Math.abs(1 / factor - batchSize) < 0.01 * batchSize) {
            return "the loss's 1/m (m = " + batchSize + ") is applied twice, or a learning rate is folded into gradient()";
        }
        if (rounded >= 2 && Math.abs(factor - rounded) < 0.01) {
            return "a 1/" + (long) rounded + " is missing from the loss's gradient (the batch size?), or a learning rate"
                    + " / clipping is folded into gradient()";
        }
        return "a learning rate, a clipping or a scale is folded into gradient(), or a constant of the loss is missing from it";
    }

    /** A sentence cut where a table cell stops reading: {@code brief + rest} is the whole. */
    private record Words(String brief, String rest) {
    }

    private static Words words(BlockSummary block, CheckMode mode) {
        Words words = pattern(block, mode);
        Diagnosis d = block.diagnosis();
        if (d.kind() == Diagnosis.Kind.NOT_DIAGNOSED || d.checkedElements() == 0) {
            return words;
        }
        // A pattern the checked elements of a partly checked block agree on: claimed for them only.
        return new Words(words.brief() + " on the " + d.checkedElements() + " of " + block.size() + " elements checked",
                words.rest() + " (" + modeName(mode) + " mode: the other elements were not checked; a full check of "
                        + block.name() + " would say whether the whole block is so)");
    }

    private static String modeName(CheckMode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static Words pattern(BlockSummary block, CheckMode mode) {
        Diagnosis d = block.diagnosis();
        String name = block.name();
        return switch (d.kind()) {
            case NONE -> new Words("matches", "");
            case ZERO -> new Words("gradient never reaches " + name + ": analytic is all zeros, numeric is not",
                    " (‖numeric‖ = " + Numbers.ratio(d.numericNorm()) + ")");
            case SIGN_FLIPPED -> new Words("analytic " + name + " ≈ −1 × numeric: the sign is flipped", fit(d));
            case SCALED -> new Words("analytic " + name + " ≈ " + Numbers.ratio(d.factor()) + " × numeric",
                    factorHint(d.factor(), d.batchSize()) + fit(d));
            case TRANSPOSED -> new Words("analytic " + name + " ≈ numeric transposed: rows and columns are swapped in the"
                    + " gradient", fit(d));
            case COLUMN_MAJOR -> d.analyticColumnMajor()
                    ? new Words("analytic " + name + " holds numeric " + name + " in column-major order",
                            ": its flat values are the numeric gradient's read column by column (a column-major ('f')"
                            + " array, or the gradient of the transpose, copied flat into a row-major block)" + fit(d))
                    : new Words("numeric " + name + " is analytic " + name + " in column-major order",
                            ": the parameters are flattened column by column (column-major, 'f'), the gradient row by"
                            + " row" + fit(d));
            case DATA_TERM_SCALED -> new Words("analytic " + name + " ≈ " + Numbers.ratio(d.factor()) + " × (numeric − "
                    + Numbers.ratio(d.lambda()) + "·" + name + ") + " + Numbers.ratio(d.lambda()) + "·" + name,
                    ": the data term is ×" + Numbers.ratio(d.factor()) + ", the L2 term right"
                            + dataTermHint(d.factor(), d.batchSize()) + fit(d));
            case SHIFTED -> new Words("analytic " + name + "[k] ≈ numeric " + name + "[k " + (d.shift() > 0 ? "+" : "−")
                    + " " + (Math.abs(d.shift()) == 1 ? "1" : Math.abs(d.shift()) + ", one row") + "]",
                    " (flat, row-major): an index off by one" + fit(d));
            case REGULARIZATION -> regularization(name, d);
            case FEW_ELEMENTS -> new Words(fewElements(block, d.wrongElements()), "");
            case UNEXPLAINED -> block.size() == 1
                    // One number is fitted by any one-parameter pattern; the engine claims none.
                    ? new Words((Double.isNaN(d.factor()) ? "" : "analytic " + name + " ≈ " + Numbers.ratio(d.factor())
                            + " × numeric; ") + "one value cannot tell a factor from an L2 term or another pattern", "")
                    : new Words("no simple pattern", " (factor, sign, transpose, shift, L2 term, a few elements) explains "
                            + name + "; the best constant factor, " + Numbers.ratio(d.factor()) + ", leaves a residual of "
                            + Numbers.significant(d.fitResidual(), 2));
            case NOT_DIAGNOSED -> new Words(d.checkedElements() + " of " + block.size() + " elements of " + name
                    + " were checked", " (" + modeName(mode) + " mode); a full check of the block would diagnose it");
        };
    }

    private static Words regularization(String name, Diagnosis d) {
        String term = Numbers.ratio(Math.abs(d.lambda())) + "·" + name;
        return d.lambda() < 0
                ? new Words("analytic " + name + " lacks an L2 term: numeric − analytic ≈ " + term,
                        " (remember regularization: the loss has λ/2·‖" + name + "‖², its gradient needs λ·" + name + ")" + fit(d))
                : new Words("analytic " + name + " has an extra L2 term: analytic − numeric ≈ " + term,
                        " (the gradient adds λ·" + name + " that the loss does not have)" + fit(d));
    }

    private static String fewElements(BlockSummary block, List<Integer> wrong) {
        StringBuilder text = new StringBuilder().append(wrong.size()).append(" of ").append(block.size())
                .append(" elements of ").append(block.name()).append(wrong.size() == 1 ? " is" : " are")
                .append(" wrong, the rest match: ");
        for (int i = 0; i < Math.min(NAMED_ELEMENTS, wrong.size()); i++) {
            text.append(i == 0 ? "" : ", ").append(Shapes.label(block.name(), block.shape(), wrong.get(i)));
        }
        return text.append(wrong.size() > NAMED_ELEMENTS ? ", …" : "").toString();
    }

    /** What a data term's factor suggests: the batch size m forgotten on the data term only. */
    private static String dataTermHint(double factor, int batchSize) {
        if (batchSize > 1 && Math.abs(factor - batchSize) < 0.01 * batchSize) {
            return " (the loss's 1/m, m = " + batchSize + ", forgotten on the data term only)";
        }
        double rounded = Math.rint(factor);
        return rounded >= 2 && Math.abs(factor - rounded) < 0.01
                ? " (a 1/" + (long) rounded + " forgotten on the data term only: the batch size?)" : "";
    }

    /** What a factor suggests: the batch size m or 1/m, an integer, or the inverse of one. */
    private static String factorHint(double factor, int batchSize) {
        double rounded = Math.rint(factor);
        double inverse = Math.rint(1 / factor);
        if (batchSize > 1 && Math.abs(factor - batchSize) < 0.01 * batchSize) {
            return " (the batch size m = " + batchSize + ": a forgotten 1/m)";
        }
        if (batchSize > 1 && Math.abs(1 / factor - batchSize) < 0.01 * batchSize) {
            return " (1/m with m = " + batchSize + ": divided by the batch size twice)";
        }
        if (rounded >= 2 && Math.abs(factor - rounded) < 0.01) {
            return " (an integer factor: a 1/" + (long) rounded + " forgotten, or a term counted " + (long) rounded + " times?)";
        }
        if (inverse >= 2 && Math.abs(1 / factor - inverse) < 0.01 * inverse) {
            return " (1/" + (long) inverse + ": an extra division?)";
        }
        return "";
    }

    private static String fit(Diagnosis d) {
        return " (fit residual " + Numbers.magnitude(d.fitResidual()) + ")";
    }
}
