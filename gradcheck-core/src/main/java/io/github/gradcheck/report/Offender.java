package io.github.gradcheck.report;

import java.util.List;
import java.util.Objects;

/**
 * One element of θ as ranked in the report.
 *
 * <p>Made by the checker, read by users: the constructor is not public. Two offenders are equal
 * when every field is.
 */
public final class Offender {

    private final int index;
    private final String block;
    private final List<Integer> position;
    private final String parameter;
    private final double gradient;
    private final double numericGradient;
    private final double absoluteError;
    private final double relativeError;
    private final double estimatedError;
    private final ElementVerdict verdict;

    /** An offender from the builder; rejects a field not set or null, and copies the position. */
    Offender(ReportAssembly.Element values) {
        String type = "Offender";
        index = ReportAssembly.required(values.index, type, "index");
        block = Objects.requireNonNull(values.block, "block");
        position = List.copyOf(Objects.requireNonNull(values.position, "position"));
        parameter = Objects.requireNonNull(values.parameter, "parameter");
        gradient = ReportAssembly.required(values.gradient, type, "gradient");
        numericGradient = ReportAssembly.required(values.numericGradient, type, "numericGradient");
        absoluteError = ReportAssembly.required(values.absoluteError, type, "absoluteError");
        relativeError = ReportAssembly.required(values.relativeError, type, "relativeError");
        estimatedError = ReportAssembly.required(values.estimatedError, type, "estimatedError");
        verdict = Objects.requireNonNull(values.verdict, "verdict");
    }

    /**
     * The flat index in θ.
     *
     * @return the index
     */
    public int index() {
        return index;
    }

    /**
     * The name of the block that holds it.
     *
     * @return the block's name
     */
    public String block() {
        return block;
    }

    /**
     * Its position in the block, one index per dimension.
     *
     * @return the position, empty for a scalar
     */
    public List<Integer> position() {
        return position;
    }

    /**
     * Its label.
     *
     * @return the label, e.g. {@code W2[1,3]}
     */
    public String parameter() {
        return parameter;
    }

    /**
     * The analytic value, from the model's backpropagation.
     *
     * @return the analytic value
     */
    public double gradient() {
        return gradient;
    }

    /**
     * The difference-quotient value.
     *
     * @return the numeric value
     */
    public double numericGradient() {
        return numericGradient;
    }

    /**
     * |gradient − numericGradient|.
     *
     * @return the absolute error
     */
    public double absoluteError() {
        return absoluteError;
    }

    /**
     * |gradient − numericGradient| / max(|gradient| + |numericGradient|, floor).
     *
     * @return the relative error, between 0 and 1: a factor k reads as (k − 1)/(k + 1), a sign flip
     *     as 1
     */
    public double relativeError() {
        return relativeError;
    }

    /**
     * The numeric derivative's estimated error (round-off and truncation).
     *
     * @return the estimated error
     */
    public double estimatedError() {
        return estimatedError;
    }

    /**
     * What the check concluded about this element.
     *
     * @return the verdict
     */
    public ElementVerdict verdict() {
        return verdict;
    }

    /**
     * Whether this element fails the check: a {@link ElementVerdict#MISMATCH}.
     *
     * @return whether it fails
     */
    public boolean failing() {
        return verdict == ElementVerdict.MISMATCH;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Offender that
                && index == that.index
                && block.equals(that.block)
                && position.equals(that.position)
                && parameter.equals(that.parameter)
                && Double.compare(gradient, that.gradient) == 0
                && Double.compare(numericGradient, that.numericGradient) == 0
                && Double.compare(absoluteError, that.absoluteError) == 0
                && Double.compare(relativeError, that.relativeError) == 0
                && Double.compare(estimatedError, that.estimatedError) == 0
                && verdict == that.verdict;
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, block, position, parameter, gradient, numericGradient, absoluteError, relativeError,
                estimatedError, verdict);
    }

    /** Every field by name, e.g. {@code Offender[index=5, block=b, …]}. */
    @Override
    public String toString() {
        return "Offender[index=" + index + ", block=" + block + ", position=" + position + ", parameter=" + parameter
                + ", gradient=" + gradient + ", numericGradient=" + numericGradient + ", absoluteError=" + absoluteError
                + ", relativeError=" + relativeError + ", estimatedError=" + estimatedError + ", verdict=" + verdict + "]";
    }
}
