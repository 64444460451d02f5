package io.github.gradcheck.assertj;

import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.internal.text.DifferenceText;
import io.github.gradcheck.internal.text.ReportText;

/** One block's verdict differs from the expected one. */
final class BlockShouldPass extends ReportMessage {

    private BlockShouldPass(String text) {
        super(text);
    }

    static BlockShouldPass blockShouldPass(GradientCheckReport report, BlockSummary block) {
        return new BlockShouldPass("Expecting block " + block.name() + " of " + report.modelName()
                + " to pass, but " + block.mismatches() + " of its " + block.size() + " elements mismatch (difference "
                + Numbers.difference(block.difference()) + ", " + DifferenceText.blockWords(block) + "):\n"
                + ReportText.summary(report));
    }

    static BlockShouldPass blockShouldFail(GradientCheckReport report, BlockSummary block) {
        return new BlockShouldPass("Expecting block " + block.name() + " of " + report.modelName()
                + " to fail, but every element matches (difference " + Numbers.difference(block.difference()) + ", "
                + DifferenceText.blockWords(block) + "):\n" + ReportText.summary(report));
    }
}
