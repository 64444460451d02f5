package io.github.gradcheck.report;

import java.util.List;
import java.util.Objects;

/**
 * One element of θ as ranked in the report.
 *
 * @param index the flat index in θ
 * @param block the name of the block that holds it
 * @param position its position in the block, one index per dimension (empty for a scalar)
 * @param parameter its label, e.g. {@code W2[1,3]}
 * @param gradient the analytic value, from the model's backpropagation
 * @param numericGradient the difference-quotient value
 * @param absoluteError |gradient − numericGradient|
 * @param relativeError |gradient − numericGradient| / max(|gradient| + |numericGradient|, floor),
 *     between 0 and 1: a factor k reads as (k − 1)/(k + 1), a sign flip as 1
 * @param estimatedError the numeric derivative's estimated error (round-off and truncation)
 * @param verdict what the check concluded about this element
 */
public record Offender(int index, String block, List<Integer> position, String parameter, double gradient,
                       double numericGradient, double absoluteError, double relativeError, double estimatedError,
                       ElementVerdict verdict) {

    /**
     * An offender; rejects a null block, position, parameter or verdict, and copies the position.
     *
     * @param index the flat index in θ
     * @param block the block's name
     * @param position the position in the block
     * @param parameter the label
     * @param gradient the analytic value
     * @param numericGradient the difference-quotient value
     * @param absoluteError |gradient − numericGradient|
     * @param relativeError the relative error, between 0 and 1
     * @param estimatedError the numeric derivative's estimated error
     * @param verdict what the check concluded
     */
    public Offender {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(verdict, "verdict");
        position = List.copyOf(position);
    }

    /**
     * Whether this element fails the check: a {@link ElementVerdict#MISMATCH}.
     *
     * @return whether it fails
     */
    public boolean failing() {
        return verdict == ElementVerdict.MISMATCH;
    }
}
