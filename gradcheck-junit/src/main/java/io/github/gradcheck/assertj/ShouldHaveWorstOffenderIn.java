package io.github.gradcheck.assertj;

import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.internal.text.ReportText;

/** The worst offending element lies in another block than the test named, or there is none. */
final class ShouldHaveWorstOffenderIn extends ReportMessage {

    private ShouldHaveWorstOffenderIn(String text) {
        super(text);
    }

    static ShouldHaveWorstOffenderIn shouldHaveWorstOffenderIn(GradientCheckReport report, String block) {
        String found = report.worstOffenders().isEmpty() ? "there is no offender (the gradients agree exactly)"
                : "it is " + report.worstOffenders().get(0).parameter();
        return new ShouldHaveWorstOffenderIn("Expecting the worst offender of " + report.modelName() + " to be in block "
                + block + ", but " + found + ":\n" + ReportText.summary(report));
    }
}
