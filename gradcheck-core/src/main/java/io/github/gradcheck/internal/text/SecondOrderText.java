package io.github.gradcheck.internal.text;

import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.internal.format.Shapes;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.BrokenContract;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.JacobianEntry;
import io.github.gradcheck.report.LayerResult;
import io.github.gradcheck.report.SecondOrderResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The words of a second-order check, the one place they are written. The engine checks H·v (or a
 * layer's double backward) as a layer whose forward pass is the gradient; without these words its
 * report would read as a layer check of the gradient, with outputs, dy and ∂y[i]/∂x[j]. Here the
 * blocks are the parameters (and a layer's inputs), the vectors are v, and a wrong entry is an
 * entry of the Hessian, {@code H[W[0,1], b[1]]}: row W[0,1] of the user's H·v at v = e_{b[1]},
 * compared with ∂g[b[1]]/∂W[0,1] from differences of the gradient g. H is symmetric, so the
 * numeric side is the same entry either way round; the row and column say where the user's
 * matrix was read. When the gradient failed first, the words say that H·v was not compared and why.
 */
public final class SecondOrderText {

    private SecondOrderText() {
    }

    /**
     * What was compared, in the words of a model's Hessian-vector product or a layer's double
     * backward. A layer's H is the Hessian of ⟨dy, y⟩ at one fixed seeded dy.
     *
     * @param secondOrder the name of the second-order code, e.g. {@code Hessian-vector product}
     * @param shortName the same in a few characters, e.g. {@code H·v}
     * @param method the user's method, e.g. {@code hessianVectorProduct}
     * @param firstOrder what was checked first, e.g. {@code gradient}
     * @param firstCall the first-order call, e.g. {@code gradient()}
     * @param differenced what H·v is compared with the differences of, e.g. {@code its gradient}
     * @param firstExpecting the headline of the first-order check, e.g. {@code the gradient of X to match its numeric gradient}
     */
    private record Words(String secondOrder, String shortName, String method, String firstOrder, String firstCall,
                         String differenced, String firstExpecting) {

        static Words of(GradientCheckReport report, SecondOrderResult result) {
            String name = report.modelName();
            return result.gradientCheck().layer().isPresent()
                    ? new Words("double backward", "the double backward", "doubleBackward", "backward pass",
                    "backward(inputs, dy)", "its backward pass",
                    "the backward pass of " + name + " to match the differences of its forward pass")
                    : new Words("Hessian-vector product", "H·v", "hessianVectorProduct", "gradient", "gradient()",
                    "its gradient", "the analytic gradient of " + name + " to match its numeric gradient");
        }
    }

    /**
     * The second-order findings of a report whose second-order code was compared; empty for a
     * first-order check and for a second-order check that stopped at a failed gradient.
     *
     * @param report a report
     * @return its second-order result, if H·v was compared
     */
    public static Optional<SecondOrderResult> compared(GradientCheckReport report) {
        return report.secondOrder().filter(SecondOrderResult::compared);
    }

    /**
     * The first line of a second-order check's failure message.
     *
     * @param report a report with {@link GradientCheckReport#secondOrder()}
     * @param result its second-order result
     * @return e.g. {@code Expecting the Hessian-vector product of X to match the differences of its
     *     gradient, but}, or, when the gradient failed first, {@code Expecting the analytic gradient of
     *     X to match its numeric gradient (checked before its Hessian-vector product), but}
     */
    static String expecting(GradientCheckReport report, SecondOrderResult result) {
        Words words = Words.of(report, result);
        return result.compared()
                ? "Expecting the " + words.secondOrder() + " of " + report.modelName() + " to match the differences of "
                + words.differenced() + ", but"
                : "Expecting " + words.firstExpecting() + " (checked before its " + words.secondOrder() + "), but";
    }

    /**
     * What the second-order check compared, or that it compared nothing and why, in one line.
     *
     * @param report a report with {@link GradientCheckReport#secondOrder()}
     * @return e.g. {@code the Hessian-vector product H·v compared, element by element, with differences of
     *     the gradient g, (⟨v, g(θ + εᵢeᵢ)⟩ − ⟨v, g(θ − εᵢeᵢ)⟩) / 2εᵢ; the gradient passed its own check
     *     first (difference 1.3e-10)}
     */
    public static String line(GradientCheckReport report) {
        SecondOrderResult result = report.secondOrder().orElseThrow();
        Words words = Words.of(report, result);
        GradientCheckReport first = result.gradientCheck();
        if (!result.compared()) {
            return "the " + words.secondOrder() + " was NOT compared: the " + words.firstOrder() + " fails its own check ("
                    + first.mismatches() + (first.mismatches() == 1 ? " mismatching element" : " mismatching elements")
                    + first.layer().map(l -> l.brokenContracts().isEmpty() ? "" : ", " + l.brokenContracts().size()
                    + (l.brokenContracts().size() == 1 ? " broken contract" : " broken contracts")).orElse("")
                    + "), and differences of a wrong " + words.firstOrder() + " would make any verdict on "
                    + words.method() + " meaningless; this report is the check of " + words.firstCall() + ": fix it first";
        }
        String how = first.layer().isPresent()
                ? "the double backward compared, element by element, with differences of b = backward(inputs, dy) at a fixed"
                + " seeded dy, (⟨v, b(θ + εᵢeᵢ)⟩ − ⟨v, b(θ − εᵢeᵢ)⟩) / 2εᵢ"
                : "the Hessian-vector product H·v compared, element by element, with differences of the gradient g,"
                + " (⟨v, g(θ + εᵢeᵢ)⟩ − ⟨v, g(θ − εᵢeᵢ)⟩) / 2εᵢ";
        return how + "; the " + words.firstOrder() + " passed its own check first (difference "
                + Numbers.difference(first.difference()) + ")";
    }

    /**
     * In a few words for a table cell, what the second-order check did: e.g. {@code H·v compared}
     * or {@code gradient fails, H·v not compared}.
     *
     * @param report a report with {@link GradientCheckReport#secondOrder()}
     * @return the words
     */
    public static String brief(GradientCheckReport report) {
        SecondOrderResult result = report.secondOrder().orElseThrow();
        Words words = Words.of(report, result);
        return result.compared() ? words.shortName() + " compared"
                : words.firstOrder() + " fails, " + words.shortName() + " not compared";
    }

    /**
     * The second-order code in a few characters.
     *
     * @param report a report with {@link GradientCheckReport#secondOrder()}
     * @return {@code H·v} or {@code the double backward}
     */
    static String shortName(GradientCheckReport report) {
        return Words.of(report, report.secondOrder().orElseThrow()).shortName();
    }

    /**
     * How the vectors v were chosen, how many failed and which one the report shows, e.g.
     * {@code over 12 parameters: the whole Hessian, one v = e_j per element j; 1 of 12 vectors fails;
     * shown: v = e_{W[1,2]}, the column H[·, W[1,2]]}.
     *
     * @param report a report whose second-order code was compared
     * @param layer its findings
     * @return the line
     */
    public static String vectors(GradientCheckReport report, LayerResult layer) {
        CheckSettings settings = report.settings();
        StringBuilder text = new StringBuilder("over ").append(elements(report, layer.outputs())).append(": ");
        if (layer.wholeJacobian()) {
            text.append("the whole Hessian, one v = e_j per element j");
        } else {
            text.append(layer.probes()).append(layer.probes() == 1 ? " random vector v" : " random vectors v")
                    .append(" (seed ").append(settings.seed()).append("; the whole Hessian for at most ")
                    .append(settings.jacobianOutputs()).append(" elements)");
        }
        text.append("; ");
        if (layer.failedProbes() == 0) {
            text.append(layer.probes() == 1 ? "the vector matches" : "every vector matches");
        } else {
            text.append(layer.failedProbes()).append(" of ").append(layer.probes())
                    .append(layer.failedProbes() == 1 ? " vectors fails" : " vectors fail");
        }
        if (layer.probes() > 1) {
            text.append("; shown: ");
            if (layer.wholeJacobian()) {
                String column = label(report, layer.shownProbe());
                text.append("v = e_{").append(column).append("}, the column H[·, ").append(column).append(']');
            } else {
                text.append("vector ").append(layer.shownProbe());
            }
            text.append(layer.failedProbes() == 0 ? " (the largest difference)" : layer.failedProbes() > 1
                    ? " (the most mismatches)" : "");
        }
        return text.toString();
    }

    /** {@code 12 parameters}, or for a layer {@code 4 input and 15 parameter elements}. */
    private static String elements(GradientCheckReport report, int count) {
        int inputs = 0;
        for (BlockSummary block : report.blocks()) {
            inputs += block.isInput() ? block.size() : 0;
        }
        if (inputs == 0) {
            return count + (count == 1 ? " parameter" : " parameters");
        }
        int parameters = count - inputs;
        return inputs + " input and " + parameters + (parameters == 1 ? " parameter element" : " parameter elements");
    }

    /**
     * A wrong entry of the Hessian, row then column: the row is the element of the user's H·v, the
     * column the element whose basis vector v was.
     *
     * @param report a report whose second-order code was compared
     * @param entry a wrong entry
     * @return e.g. {@code H[W[0,1], b[1]]}
     */
    public static String hessianEntry(GradientCheckReport report, JacobianEntry entry) {
        return "H[" + entry.element().parameter() + ", " + label(report, entry.output()) + "]";
    }

    /** The label of θ's flat element {@code index}, e.g. {@code W[1,2]}. */
    private static String label(GradientCheckReport report, int index) {
        for (BlockSummary block : report.blocks()) {
            if (index >= block.offset() && index < block.offset() + block.size()) {
                return Shapes.label(block.name(), block.shape(), index - block.offset());
            }
        }
        return "θ[" + index + "]";
    }

    /**
     * The heading of the wrong entries' table.
     *
     * @param report a report whose second-order code was compared
     * @return e.g. {@code wrong Hessian entries H[row, column] = (H·e_column)[row]}
     */
    public static String entriesHeading(GradientCheckReport report) {
        return report.secondOrder().orElseThrow().gradientCheck().layer().isPresent()
                ? "wrong Hessian entries of ⟨dy, y⟩, H[row, column] = doubleBackward(v = e_column)[row]"
                : "wrong Hessian entries, H[row, column] = (H·e_column)[row]";
    }

    /**
     * Which blocks of H·v are wrong, worst first, e.g. {@code H·v is wrong in the rows of parameter
     * W} or {@code the double backward is wrong in the rows of input x and parameter W}.
     *
     * @param report a report whose second-order code was compared
     * @param failing the failing blocks, worst first; at least one
     * @return the clause
     */
    static String wrongBlocks(GradientCheckReport report, List<BlockSummary> failing) {
        List<String> names = new ArrayList<>();
        for (BlockSummary block : failing) {
            names.add((block.isInput() ? "input " : "parameter ") + block.name());
        }
        String listed = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        return Words.of(report, report.secondOrder().orElseThrow()).shortName() + " is wrong in the rows of " + listed;
    }

    /**
     * A second-order check's cost: its own calls, then the first-order check's.
     *
     * @param report a report whose second-order code was compared
     * @param layer its findings
     * @return e.g. {@code 12 parameters, 50 gradient calls, 13 Hessian-vector products; the gradient's
     *     check: 40 loss evaluations, 3 gradient evaluations}
     */
    public static String cost(GradientCheckReport report, LayerResult layer) {
        GradientCheckReport first = report.secondOrder().orElseThrow().gradientCheck();
        if (first.layer().isPresent()) {
            LayerResult backward = first.layer().get();
            return elements(report, report.parameterCount()) + ", " + layer.forwardCalls()
                    + (layer.forwardCalls() == 1 ? " backward call, " : " backward calls, ") + layer.backwardCalls()
                    + (layer.backwardCalls() == 1 ? " double backward call" : " double backward calls")
                    + "; the backward pass's check: " + backward.forwardCalls() + " forward and " + backward.backwardCalls()
                    + " backward calls";
        }
        return elements(report, report.parameterCount()) + ", " + layer.forwardCalls()
                + (layer.forwardCalls() == 1 ? " gradient call, " : " gradient calls, ") + layer.backwardCalls()
                + (layer.backwardCalls() == 1 ? " Hessian-vector product" : " Hessian-vector products")
                + "; the gradient's check: " + first.lossEvaluations() + " loss and " + first.gradientEvaluations()
                + " gradient evaluations";
    }

    /**
     * A broken contract of H·v (or of the double backward) as one sentence.
     *
     * @param report a report whose second-order code was compared
     * @param contract a broken contract
     * @return e.g. {@code hessianVectorProduct is not linear in v: H·(2·v₁ − 3·v₂) differs from 2·H·v₁ − 3·H·v₂
     *     at b[1] by 1.00000 (…): …}
     */
    static String sentence(GradientCheckReport report, BrokenContract contract) {
        Words words = Words.of(report, report.secondOrder().orElseThrow());
        String call = words.method();
        return switch (contract.kind()) {
            case LINEAR_IN_DY -> brief(report, contract) + ": " + call + "(" + LayerText.combination(contract, "v₁", "v₂")
                    + ") differs from " + LayerText.combination(contract, call + "(v₁)", call + "(v₂)") + " at "
                    + contract.element() + " by " + Numbers.value(contract.actual() - contract.expected()) + " ("
                    + Numbers.value(contract.actual()) + " against " + Numbers.value(contract.expected()) + "): the "
                    + words.secondOrder() + " is a matrix times v, so a term that does not scale with v (a constant, the "
                    + words.firstOrder() + " itself, a regularisation term) or that depends on v other than linearly is a bug";
        };
    }

    /**
     * A broken contract of H·v in a few words.
     *
     * @param report a report whose second-order code was compared
     * @param contract a broken contract
     * @return e.g. {@code hessianVectorProduct is not linear in v}
     */
    static String brief(GradientCheckReport report, BrokenContract contract) {
        String call = Words.of(report, report.secondOrder().orElseThrow()).method();
        return switch (contract.kind()) {
            case LINEAR_IN_DY -> call + " is not linear in v";
        };
    }
}
