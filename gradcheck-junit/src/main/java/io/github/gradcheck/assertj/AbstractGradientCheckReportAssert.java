package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.ShouldFail.shouldFail;
import static io.github.gradcheck.assertj.ShouldHaveBrokenContract.shouldHaveBrokenContract;
import static io.github.gradcheck.assertj.ShouldHaveDifferenceBelow.shouldHaveDifferenceBelow;
import static io.github.gradcheck.assertj.ShouldHaveFailingBlocks.shouldHaveFailingBlocks;
import static io.github.gradcheck.assertj.ShouldHaveWorstOffenderIn.shouldHaveWorstOffenderIn;
import static io.github.gradcheck.assertj.ShouldHaveWrongJacobianEntry.shouldHaveWrongJacobianEntry;

import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.BrokenContract;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.internal.text.ReportText;
import io.github.gradcheck.internal.text.ValueComparison;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link GradientCheckReport}; extend it to add your own, as with AssertJ's
 * {@code Abstract…Assert} classes.
 *
 * @param <SELF> the concrete assertion type, for chaining
 */
public abstract class AbstractGradientCheckReportAssert<SELF extends AbstractGradientCheckReportAssert<SELF>>
        extends AbstractAssert<SELF, GradientCheckReport> {

    /**
     * For subclasses, as with AssertJ's own {@code Abstract…Assert} constructors.
     *
     * @param actual the report under test
     * @param selfType the concrete assertion class, {@code SELF}
     */
    protected AbstractGradientCheckReportAssert(GradientCheckReport actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * Verifies that the check passed: the analytic gradient matches the numeric one.
     *
     * <p>The failure is an {@code org.opentest4j.AssertionFailedError} whose expected and actual
     * values are the worst failing block's numeric and analytic gradients, one element per line
     * ({@link ValueComparison}), so that an IDE's diff viewer shows them side by side; its message
     * is the report's failure message.
     *
     * @return this assertion, for chaining
     */
    public SELF passes() {
        isNotNull();
        if (!actual.passed()) {
            // The text goes in as an argument, never as the format: a '%' in a model's name stays a '%'.
            // A layer whose elements all match but whose backward pass breaks a contract has no values to compare.
            ValueComparison values = ValueComparison.of(actual).orElse(null);
            if (values == null) {
                failWithMessage("\n%s", ReportText.failureMessage(actual));
                return myself;
            }
            throw failureWithActualExpected(values.actual(), values.expected(), "\n%s", ReportText.failureMessage(actual));
        }
        return myself;
    }

    /**
     * Verifies that the check failed, e.g. for a deliberately broken backward pass: a test that the
     * check catches the bug it is meant to catch.
     *
     * @return this assertion, for chaining
     */
    public SELF fails() {
        isNotNull();
        if (actual.passed()) {
            throwAssertionError(shouldFail(actual));
        }
        return myself;
    }

    /**
     * Verifies that the overall difference is strictly below {@code limit}, whatever the verdict:
     * the course's own criterion, for a test that reproduces its numbers.
     *
     * @param limit the exclusive upper bound, e.g. {@code 1e-7}
     * @return this assertion, for chaining
     */
    public SELF hasDifferenceBelow(double limit) {
        isNotNull();
        if (!(actual.difference() < limit)) {
            throwAssertionError(shouldHaveDifferenceBelow(actual, actual.modelName(), actual.difference(), limit));
        }
        return myself;
    }

    /**
     * Verifies that exactly these blocks, in any order, have mismatching elements: where a planted
     * bug is, and nowhere else. A name given twice counts once.
     *
     * @param names the block names, e.g. {@code "b1", "W2"}; none means every block passes
     * @return this assertion, for chaining
     * @throws IllegalArgumentException naming the blocks there are, if one of {@code names} is none of them
     */
    public SELF hasFailingBlocks(String... names) {
        isNotNull();
        Objects.requireNonNull(names, "names");
        Set<String> expected = new LinkedHashSet<>();
        for (String name : names) {
            actual.block(name);
            expected.add(name);
        }
        Set<String> failing = new LinkedHashSet<>();
        for (BlockSummary block : actual.blocks()) {
            if (!block.passed()) {
                failing.add(block.name());
            }
        }
        if (!failing.equals(expected)) {
            throwAssertionError(shouldHaveFailingBlocks(actual, expected, failing));
        }
        return myself;
    }

    /**
     * Verifies that the worst offending element lies in the block {@code name}: the first place to
     * look.
     *
     * @param name the block's name
     * @return this assertion, for chaining
     * @throws IllegalArgumentException naming the blocks there are, if none is called {@code name}
     */
    public SELF hasWorstOffenderIn(String name) {
        isNotNull();
        actual.block(name);
        if (actual.worstOffenders().isEmpty() || !actual.worstOffenders().get(0).block().equals(name)) {
            throwAssertionError(shouldHaveWorstOffenderIn(actual, name));
        }
        return myself;
    }

    /**
     * Verifies that a layer's backward pass broke the contract {@code kind}, e.g. a deliberately
     * planted term that does not scale with dy breaks {@link BrokenContract.Kind#LINEAR_IN_DY}.
     *
     * @param kind the contract
     * @return this assertion, for chaining
     */
    public SELF hasBrokenContract(BrokenContract.Kind kind) {
        isNotNull();
        Objects.requireNonNull(kind, "kind");
        if (actual.layer().stream().flatMap(layer -> layer.brokenContracts().stream()).noneMatch(c -> c.kind() == kind)) {
            throwAssertionError(shouldHaveBrokenContract(actual, kind));
        }
        return myself;
    }

    /**
     * Verifies that the whole-Jacobian check of a layer found ∂y[output]/∂element wrong: the
     * backward pass's value for that output and that input or parameter element disagrees with the
     * forward pass's difference quotient.
     *
     * @param output the output's flat index i in y
     * @param element the element's label as reports write it, e.g. {@code "x[2]"} or {@code "W[1,3]"}
     * @return this assertion, for chaining
     */
    public SELF hasWrongJacobianEntry(int output, String element) {
        isNotNull();
        Objects.requireNonNull(element, "element");
        if (actual.layer().stream().flatMap(layer -> layer.wrongJacobianEntries().stream())
                .noneMatch(entry -> entry.output() == output && entry.element().parameter().equals(element))) {
            throwAssertionError(shouldHaveWrongJacobianEntry(actual, output, element));
        }
        return myself;
    }

    /**
     * Assertions on one block, the course's "look at the components". A description given with
     * {@code as(...)} carries over.
     *
     * @param name the block's name, e.g. {@code W2}
     * @return assertions on that block
     * @throws IllegalArgumentException naming the blocks there are, if none is called {@code name}
     */
    public BlockSummaryAssert block(String name) {
        isNotNull();
        BlockSummaryAssert block = new BlockSummaryAssert(actual, actual.block(name));
        // A description given to the report, as(...), still names the failure of one of its blocks.
        return info.description() == null ? block : block.describedAs(info.description());
    }
}
