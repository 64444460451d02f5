package io.github.gradcheck.assertj;

import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.internal.text.ReportText;
import java.util.Set;

/** The blocks over the threshold are not the ones the test named. */
final class ShouldHaveFailingBlocks extends ReportMessage {

    private ShouldHaveFailingBlocks(String text) {
        super(text);
    }

    static ShouldHaveFailingBlocks shouldHaveFailingBlocks(GradientCheckReport report, Set<String> expected,
                                                           Set<String> actual) {
        return new ShouldHaveFailingBlocks("Expecting exactly the blocks " + expected + " of " + report.modelName()
                + " to fail, but the failing blocks are " + actual + ":\n" + ReportText.summary(report));
    }
}
