package io.github.gradcheck.assertj;

import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.ReportText;

/** A failed check where a pass was expected: the report's full failure message. */
final class ShouldPass extends ReportMessage {

    private ShouldPass(String text) {
        super(text);
    }

    static ShouldPass shouldPass(GradientCheckReport report) {
        return new ShouldPass(ReportText.failureMessage(report));
    }
}
