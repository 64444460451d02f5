package io.github.gradcheck.assertj;

import io.github.gradcheck.internal.text.LayerText;
import io.github.gradcheck.internal.text.ReportText;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.LayerResult;
import java.util.List;

/** The Jacobian element the test named is not among the wrong ones, or the Jacobian was not checked whole. */
final class ShouldHaveWrongJacobianEntry extends ReportMessage {

    private ShouldHaveWrongJacobianEntry(String text) {
        super(text);
    }

    static ShouldHaveWrongJacobianEntry shouldHaveWrongJacobianEntry(GradientCheckReport report, int output, String element) {
        String found;
        if (report.layer().isEmpty()) {
            found = "it is the check of a model, not of a layer";
        } else {
            LayerResult layer = report.layer().get();
            List<String> wrong = LayerText.worstFirst(layer).stream().map(LayerText::jacobianElement).toList();
            found = !layer.wholeJacobian() ? "its Jacobian was probed by " + layer.probes() + " random probes, not checked"
                    + " element by element: the layer has " + layer.outputs() + " outputs, over jacobianOutputs = "
                    + report.settings().jacobianOutputs() + "; check with withJacobianOutputs(" + layer.outputs() + ")"
                    : wrong.isEmpty() ? "every element of its Jacobian matches"
                    : "the wrong elements are " + wrong;
        }
        return new ShouldHaveWrongJacobianEntry("Expecting ∂y[" + output + "]/∂" + element + " of " + report.modelName()
                + " to be wrong, but " + found + ":\n" + ReportText.summary(report));
    }
}
