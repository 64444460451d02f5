package io.github.gradcheck.assertj;

import io.github.gradcheck.internal.text.ReportText;
import io.github.gradcheck.report.BrokenContract;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.List;
import java.util.Locale;

/** A layer kept a contract the test expected it to break, or the report is not a layer check's. */
final class ShouldHaveBrokenContract extends ReportMessage {

    private ShouldHaveBrokenContract(String text) {
        super(text);
    }

    static ShouldHaveBrokenContract shouldHaveBrokenContract(GradientCheckReport report, BrokenContract.Kind kind) {
        String found = report.layer().isEmpty() ? "it is the check of a model, not of a layer"
                : brokenKinds(report).isEmpty() ? "it kept every contract"
                : "it broke only " + brokenKinds(report);
        return new ShouldHaveBrokenContract("Expecting the backward pass of " + report.modelName() + " to break the contract "
                + kind + " (" + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "), but " + found + ":\n"
                + ReportText.summary(report));
    }

    private static List<BrokenContract.Kind> brokenKinds(GradientCheckReport report) {
        return report.layer().orElseThrow().brokenContracts().stream().map(BrokenContract::kind).toList();
    }
}
