package io.github.gradcheck.assertj;

import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.internal.text.ReportText;

/** A difference at or above the limit the test asked for. */
final class ShouldHaveDifferenceBelow extends ReportMessage {

    private ShouldHaveDifferenceBelow(String text) {
        super(text);
    }

    static ShouldHaveDifferenceBelow shouldHaveDifferenceBelow(GradientCheckReport report, String subject,
                                                               double difference, double limit) {
        return new ShouldHaveDifferenceBelow("Expecting the difference of " + subject + " to be below "
                + Numbers.setting(limit) + ", but it was " + Numbers.difference(difference) + ":\n"
                + ReportText.summary(report));
    }
}
