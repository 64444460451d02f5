package io.github.gradcheck.assertj;

import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.internal.text.ReportText;

/** A passed check where a failure was expected, e.g. for a deliberately broken gradient. */
final class ShouldFail extends ReportMessage {

    private ShouldFail(String text) {
        super(text);
    }

    static ShouldFail shouldFail(GradientCheckReport report) {
        return new ShouldFail("Expecting the gradient check of " + report.modelName()
                + " to fail (a wrong analytic gradient), but it passed:\n" + ReportText.summary(report));
    }
}
