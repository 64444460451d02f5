package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.BlockShouldPass.blockShouldFail;
import static io.github.gradcheck.assertj.BlockShouldPass.blockShouldPass;
import static io.github.gradcheck.assertj.ShouldHaveDifferenceBelow.shouldHaveDifferenceBelow;

import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.GradientCheckReport;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one parameter block of a report, reached through
 * {@code assertThat(report).block("W2")}. Messages show the whole report, so that the block can
 * be seen beside the others.
 */
public class BlockSummaryAssert extends AbstractAssert<BlockSummaryAssert, BlockSummary> {

    private final GradientCheckReport report;

    /**
     * Assertions on {@code block}; its failure messages show the whole {@code report}.
     *
     * @param report the report the block belongs to
     * @param block the block under test
     */
    public BlockSummaryAssert(GradientCheckReport report, BlockSummary block) {
        super(block, BlockSummaryAssert.class);
        this.report = report;
    }

    /**
     * Verifies that no element of the block mismatches.
     *
     * @return this assertion, for chaining
     */
    public BlockSummaryAssert passes() {
        isNotNull();
        if (!actual.passed()) {
            throwAssertionError(blockShouldPass(report, actual));
        }
        return myself;
    }

    /**
     * Verifies that some element of the block mismatches, e.g. where a bug was planted.
     *
     * @return this assertion, for chaining
     */
    public BlockSummaryAssert fails() {
        isNotNull();
        if (actual.passed()) {
            throwAssertionError(blockShouldFail(report, actual));
        }
        return myself;
    }

    /**
     * Verifies that the block's own difference is strictly below {@code limit}.
     *
     * @param limit the exclusive upper bound
     * @return this assertion, for chaining
     */
    public BlockSummaryAssert hasDifferenceBelow(double limit) {
        isNotNull();
        if (!(actual.difference() < limit)) {
            throwAssertionError(shouldHaveDifferenceBelow(report, "block " + actual.name() + " of " + report.modelName(),
                    actual.difference(), limit));
        }
        return myself;
    }
}
