package io.github.gradcheck.internal.text;

import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.BrokenContract;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.JacobianEntry;
import io.github.gradcheck.report.LayerResult;
import io.github.gradcheck.report.Offender;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The words of a layer check and of input blocks, the one place they are written: the failure
 * message, the console and HTML summaries and the JSON read the same. An input block is named
 * {@code x (input)} wherever blocks are listed, so that a wrong dx is not read as a wrong
 * parameter; a layer check says how its backward pass was probed, names a wrong Jacobian element
 * {@code ∂y[3]/∂x[2]}, and says what each broken contract means and what to do about it.
 */
public final class LayerText {

    private LayerText() {
    }

    /**
     * A block's name as lists and tables show it: {@code x (input)} for an input block.
     *
     * @param block a block
     * @return the name, marked if it is an input
     */
    public static String blockName(BlockSummary block) {
        return block.isInput() ? block.name() + " (input)" : block.name();
    }

    /**
     * Whether the report's words name blocks by their role (input or parameter): a layer check,
     * or a model that declared inputs. A model of parameters only keeps its words as they were.
     *
     * @param report a report
     * @return true if blocks are named with their role
     */
    static boolean namesRoles(GradientCheckReport report) {
        if (report.layer().isPresent()) {
            return true;
        }
        for (BlockSummary block : report.blocks()) {
            if (block.isInput()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first line of a layer check's failure message.
     *
     * @param report the report of a layer check
     * @return e.g. {@code Expecting the backward pass of Dense to match the differences of its forward pass, but}
     */
    static String expecting(GradientCheckReport report) {
        if (report.secondOrder().isPresent()) {
            return SecondOrderText.expecting(report, report.secondOrder().get());
        }
        return "Expecting the backward pass of " + report.modelName() + " to match the differences of its forward pass, but";
    }

    /**
     * Which gradients are wrong, by role, worst block first, e.g. {@code the gradient with respect
     * to input x is wrong} or {@code the gradients with respect to input x and parameter W are wrong}.
     *
     * @param failing the failing blocks, worst first; at least one
     * @return the clause
     */
    static String wrongGradients(List<BlockSummary> failing) {
        List<String> names = new ArrayList<>();
        for (BlockSummary block : failing) {
            names.add((block.isInput() ? "input " : "parameter ") + block.name());
        }
        String listed = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        return (failing.size() == 1 ? "the gradient with respect to " : "the gradients with respect to ") + listed
                + (failing.size() == 1 ? " is wrong" : " are wrong");
    }

    /**
     * How the backward pass was probed, how many probes failed and which one the report shows, e.g.
     * {@code 3 outputs: the whole Jacobian, one probe dy = eᵢ per output i; 1 of 3 probes fails;
     * shown: probe 1, the row ∂y[1]/∂·}.
     *
     * @param layer the layer's findings
     * @param settings the check's settings
     * @return the line, without the word {@code layer}
     */
    public static String probes(LayerResult layer, CheckSettings settings) {
        StringBuilder text = new StringBuilder().append(layer.outputs()).append(layer.outputs() == 1 ? " output: " : " outputs: ");
        if (layer.wholeJacobian()) {
            text.append("the whole Jacobian, one probe dy = eᵢ per output i");
        } else {
            text.append(layer.probes()).append(layer.probes() == 1 ? " random probe dy" : " random probes dy")
                    .append(" (seed ").append(settings.seed()).append("; the whole Jacobian for at most ")
                    .append(settings.jacobianOutputs()).append(" outputs)");
        }
        text.append("; ");
        if (layer.failedProbes() == 0) {
            text.append(layer.probes() == 1 ? "the probe matches" : "every probe matches");
        } else {
            text.append(layer.failedProbes()).append(" of ").append(layer.probes())
                    .append(layer.failedProbes() == 1 ? " probes fails" : " probes fail");
        }
        if (layer.probes() > 1) {
            text.append("; shown: probe ").append(layer.shownProbe());
            if (layer.wholeJacobian()) {
                text.append(", the row ∂y[").append(layer.shownProbe()).append("]/∂·");
            }
            text.append(layer.failedProbes() == 0 ? " (the largest difference)" : layer.failedProbes() > 1
                    ? " (the most mismatches)" : "");
        }
        return text.toString();
    }

    /**
     * A layer check's cost, e.g. {@code 4 input and 15 parameter elements, 96 forward calls, 7 backward calls}.
     *
     * @param report the report of a layer check
     * @param layer its findings
     * @return the words, without the duration
     */
    static String cost(GradientCheckReport report, LayerResult layer) {
        if (SecondOrderText.compared(report).isPresent()) {
            return SecondOrderText.cost(report, layer);
        }
        int inputs = 0;
        for (BlockSummary block : report.blocks()) {
            inputs += block.isInput() ? block.size() : 0;
        }
        int parameters = report.parameterCount() - inputs;
        return inputs + " input and " + parameters + (parameters == 1 ? " parameter element, " : " parameter elements, ")
                + layer.forwardCalls() + (layer.forwardCalls() == 1 ? " forward call, " : " forward calls, ")
                + layer.backwardCalls() + (layer.backwardCalls() == 1 ? " backward call" : " backward calls");
    }

    /**
     * A broken contract as one sentence: what was compared, where and by how much, and what to do.
     *
     * @param contract a broken contract
     * @return e.g. {@code backward is not linear in dy: backward(2·dy₁ − 3·dy₂) differs from
     *     2·backward(dy₁) − 3·backward(dy₂) at b[1] by 1.00000 (…): a term that does not scale with dy …}
     */
    public static String sentence(BrokenContract contract) {
        return switch (contract.kind()) {
            case LINEAR_IN_DY -> brief(contract) + ": backward(" + combination(contract, "dy₁", "dy₂") + ") differs from "
                    + combination(contract, "backward(dy₁)", "backward(dy₂)") + " at " + contract.element() + " by "
                    + Numbers.value(contract.actual() - contract.expected()) + " (" + Numbers.value(contract.actual())
                    + " against " + Numbers.value(contract.expected()) + "): a term that does not scale with dy — a"
                    + " regularisation gradient, a constant — belongs outside the layer's backward; a term that depends"
                    + " on dy other than linearly (|dy|, dy², a clip of dy) is a bug in the backward pass";
        };
    }

    /**
     * The contract's name as a table cell has room for.
     *
     * @param contract a broken contract
     * @return e.g. {@code backward is not linear in dy}
     */
    public static String brief(BrokenContract contract) {
        return switch (contract.kind()) {
            case LINEAR_IN_DY -> "backward is not linear in dy";
        };
    }

    /**
     * A broken contract as one sentence, in the words of the check that found it: a layer's
     * backward pass, or, in a second-order check, H·v or the double backward.
     *
     * @param report the report the contract is in
     * @param contract a broken contract
     * @return the sentence
     */
    public static String sentence(GradientCheckReport report, BrokenContract contract) {
        return SecondOrderText.compared(report).isPresent() ? SecondOrderText.sentence(report, contract) : sentence(contract);
    }

    /**
     * The contract's name as a table cell has room for, in the words of the check that found it.
     *
     * @param report the report the contract is in
     * @param contract a broken contract
     * @return e.g. {@code backward is not linear in dy} or {@code hessianVectorProduct is not linear in v}
     */
    public static String brief(GradientCheckReport report, BrokenContract contract) {
        return SecondOrderText.compared(report).isPresent() ? SecondOrderText.brief(report, contract) : brief(contract);
    }

    /**
     * A wrong element as the check that found it names it: {@code ∂y[3]/∂x[2]} for a layer,
     * {@code H[W[0,1], b[1]]} for a second-order check.
     *
     * @param report the report the entry is in
     * @param entry a wrong entry
     * @return the label
     */
    public static String jacobianElement(GradientCheckReport report, JacobianEntry entry) {
        return SecondOrderText.compared(report).isPresent() ? SecondOrderText.hessianEntry(report, entry) : jacobianElement(entry);
    }

    /**
     * How the backward pass (or, in a second-order check, H·v) was probed, in the words of the check.
     *
     * @param report the report
     * @param layer its findings
     * @return the line, without a leading word
     */
    public static String probes(GradientCheckReport report, LayerResult layer) {
        return SecondOrderText.compared(report).isPresent() ? SecondOrderText.vectors(report, layer) : probes(layer, report.settings());
    }

    /**
     * What the report's probes are called as the first word of their line.
     *
     * @param report the report
     * @return {@code layer}, or {@code vectors v} for a second-order check
     */
    public static String probesTerm(GradientCheckReport report) {
        return SecondOrderText.compared(report).isPresent() ? "vectors v" : "layer";
    }

    /**
     * The heading of the wrong entries' table.
     *
     * @param report the report
     * @return e.g. {@code wrong Jacobian elements}
     */
    public static String entriesHeading(GradientCheckReport report) {
        return SecondOrderText.compared(report).isPresent() ? SecondOrderText.entriesHeading(report) : "wrong Jacobian elements";
    }

    /** {@code 2·dy₁ − 3·dy₂} from the contract's coefficients. */
    static String combination(BrokenContract contract, String first, String second) {
        return coefficient(contract.a(), true) + first + (contract.b() < 0 ? " − " : " + ")
                + coefficient(Math.abs(contract.b()), false) + second;
    }

    private static String coefficient(double value, boolean leading) {
        if (value == 1) {
            return "";
        }
        String text = Numbers.setting(leading ? value : Math.abs(value));
        return text.replace("-", "−") + "·";
    }

    /**
     * A wrong element of the Jacobian as mathematics writes it.
     *
     * @param entry a wrong entry
     * @return e.g. {@code ∂y[3]/∂x[2]}
     */
    public static String jacobianElement(JacobianEntry entry) {
        return "∂y[" + entry.output() + "]/∂" + entry.element().parameter();
    }

    /**
     * The wrong Jacobian elements, worst first: by relative error, then absolute error, then the
     * order the check found them in.
     *
     * @param layer the layer's findings
     * @return the entries, sorted
     */
    public static List<JacobianEntry> worstFirst(LayerResult layer) {
        List<JacobianEntry> sorted = new ArrayList<>(layer.wrongJacobianEntries());
        sorted.sort(Comparator.comparingDouble((JacobianEntry entry) -> entry.element().relativeError())
                .thenComparingDouble(entry -> entry.element().absoluteError()).reversed());
        return sorted;
    }

    /**
     * The layer's lines of a text report: how it was probed, the wrong Jacobian elements (a table,
     * worst first, at most the report's offender count) and the broken contracts.
     *
     * @param report the report of a layer check
     * @param layer its findings
     * @param out where to append, each line indented by two spaces
     */
    static void append(GradientCheckReport report, LayerResult layer, StringBuilder out) {
        List<JacobianEntry> entries = worstFirst(layer);
        if (!entries.isEmpty()) {
            int shown = Math.min(entries.size(), Math.max(report.settings().offenders(), 1));
            out.append('\n').append("  ").append(entriesHeading(report)).append(" (").append(shown < entries.size() ? shown + " of " : "")
                    .append(entries.size()).append(", worst first):\n");
            TextTable table = new TextTable("#", "element", "analytic", "numeric", "abs. error", "est. error", "rel. error");
            for (int i = 0; i < shown; i++) {
                Offender o = entries.get(i).element();
                table.row(String.valueOf(i + 1), jacobianElement(report, entries.get(i)), Numbers.value(o.gradient()),
                        Numbers.value(o.numericGradient()), Numbers.value(o.absoluteError()),
                        Numbers.magnitude(o.estimatedError()), Numbers.ratio(o.relativeError()));
            }
            table.appendTo(out, "  ");
        }
        if (!layer.brokenContracts().isEmpty()) {
            out.append('\n').append("  broken contracts:\n");
            for (BrokenContract contract : layer.brokenContracts()) {
                out.append("    ").append(sentence(report, contract)).append('\n');
            }
        }
    }
}
