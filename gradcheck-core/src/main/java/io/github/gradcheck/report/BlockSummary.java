package io.github.gradcheck.report;

import io.github.gradcheck.internal.format.Shapes;
import java.util.List;
import java.util.Objects;

/**
 * How one parameter block fared: the course's "if it fails, look at the components".
 *
 * <p>Made by the checker, read by users: the constructor is not public. Two summaries are equal
 * when every field is.
 */
public final class BlockSummary {

    private final String name;
    private final List<Integer> shape;
    private final int offset;
    private final int size;
    private final boolean input;
    private final double difference;
    private final double differenceOfMatches;
    private final double worstRelativeError;
    private final int mismatches;
    private final int kinks;
    private final int unreliable;
    private final Diagnosis diagnosis;
    private final TaylorTest taylor;

    /** A block's summary from the builder; rejects a field not set or null, and copies the shape. */
    BlockSummary(ReportAssembly.Block values) {
        String type = "BlockSummary";
        name = Objects.requireNonNull(values.name, "name");
        shape = List.copyOf(Objects.requireNonNull(values.shape, "shape"));
        offset = ReportAssembly.required(values.offset, type, "offset");
        size = ReportAssembly.required(values.size, type, "size");
        input = values.input;
        difference = ReportAssembly.required(values.difference, type, "difference");
        differenceOfMatches = ReportAssembly.required(values.differenceOfMatches, type, "differenceOfMatches");
        worstRelativeError = ReportAssembly.required(values.worstRelativeError, type, "worstRelativeError");
        mismatches = ReportAssembly.required(values.mismatches, type, "mismatches");
        kinks = ReportAssembly.required(values.kinks, type, "kinks");
        unreliable = ReportAssembly.required(values.unreliable, type, "unreliable");
        diagnosis = Objects.requireNonNull(values.diagnosis, "diagnosis");
        taylor = Objects.requireNonNull(values.taylor, "taylor");
    }

    /**
     * The block's name as the model gave it.
     *
     * @return the name, e.g. {@code W2}
     */
    public String name() {
        return name;
    }

    /**
     * Whether the block is an input of the model or layer ({@code x}, checked for dJ/dx) rather
     * than one of its parameters.
     *
     * @return true for an input block
     */
    public boolean isInput() {
        return input;
    }

    /**
     * Its dimensions.
     *
     * @return the dimensions, empty for a scalar
     */
    public List<Integer> shape() {
        return shape;
    }

    /**
     * The flat index of its first element in θ.
     *
     * @return the offset
     */
    public int offset() {
        return offset;
    }

    /**
     * Its number of elements.
     *
     * @return the size
     */
    public int size() {
        return size;
    }

    /**
     * The seed's difference formula over this block alone.
     *
     * @return the difference; 0 when both gradients are zero throughout
     */
    public double difference() {
        return difference;
    }

    /**
     * The same difference over this block's matching elements only, as
     * {@link GradientCheckReport#differenceOfMatches()} is over all of θ: what the block's difference
     * would read without its kinks, unreliable elements and mismatches.
     *
     * @return the difference over the block's matches; 0 if none matches
     */
    public double differenceOfMatches() {
        return differenceOfMatches;
    }

    /**
     * The largest per-element relative error in the block.
     *
     * @return the largest relative error
     */
    public double worstRelativeError() {
        return worstRelativeError;
    }

    /**
     * How many elements are {@link ElementVerdict#MISMATCH}es.
     *
     * @return the count
     */
    public int mismatches() {
        return mismatches;
    }

    /**
     * How many elements sit at a kink of the loss.
     *
     * @return the count
     */
    public int kinks() {
        return kinks;
    }

    /**
     * How many elements the numeric derivative could not resolve.
     *
     * @return the count
     */
    public int unreliable() {
        return unreliable;
    }

    /**
     * What kind of wrong the block is, if it has mismatches.
     *
     * @return the diagnosis
     */
    public Diagnosis diagnosis() {
        return diagnosis;
    }

    /**
     * The ε-free second opinion along a random direction in the block.
     *
     * @return the Taylor test's result
     */
    public TaylorTest taylor() {
        return taylor;
    }

    /**
     * Whether no element of the block is a mismatch.
     *
     * @return whether the block passed
     */
    public boolean passed() {
        return mismatches == 0;
    }

    /**
     * The shape as a person reads it: {@code 5×4}, {@code 3}, or {@code scalar}.
     *
     * @return the shape in words
     */
    public String shapeText() {
        return Shapes.text(shape);
    }

    /**
     * The course's words for this block's difference.
     *
     * @return the band: great, look closer, or almost surely a bug
     */
    public DifferenceScale scale() {
        return DifferenceScale.of(difference);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlockSummary that
                && name.equals(that.name)
                && shape.equals(that.shape)
                && offset == that.offset
                && size == that.size
                && input == that.input
                && Double.compare(difference, that.difference) == 0
                && Double.compare(differenceOfMatches, that.differenceOfMatches) == 0
                && Double.compare(worstRelativeError, that.worstRelativeError) == 0
                && mismatches == that.mismatches
                && kinks == that.kinks
                && unreliable == that.unreliable
                && diagnosis.equals(that.diagnosis)
                && taylor.equals(that.taylor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, shape, offset, size, input, difference, differenceOfMatches, worstRelativeError, mismatches, kinks,
                unreliable, diagnosis, taylor);
    }

    /** Every field by name, e.g. {@code BlockSummary[name=W, shape=[2, 2], …]}. */
    @Override
    public String toString() {
        return "BlockSummary[name=" + name + ", shape=" + shape + ", offset=" + offset + ", size=" + size
                + (input ? ", input=true" : "") + ", difference=" + difference + ", differenceOfMatches=" + differenceOfMatches
                + ", worstRelativeError=" + worstRelativeError + ", mismatches=" + mismatches
                + ", kinks=" + kinks + ", unreliable=" + unreliable + ", diagnosis=" + diagnosis + ", taylor=" + taylor + "]";
    }
}
