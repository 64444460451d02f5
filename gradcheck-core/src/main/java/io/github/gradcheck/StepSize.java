package io.github.gradcheck;

import io.github.gradcheck.internal.format.Numbers;


/**
 * How far each parameter is moved for its difference quotient.
 *
 * <p>{@link #fixed(double) Fixed}: the same ε for every element, as in the course (ε = 1e-7);
 * use it to reproduce the course's numbers. {@link #relative(double) Relative} (the default):
 * εᵢ = factor · max(|θᵢ|, 1): relative for large parameters, absolute (as the course's) for
 * parameters below 1, whose difference quotients would otherwise drown in round-off.
 * The default factor ∛u (u the unit round-off, ≈ 4.8e-6 for double) balances the round-off of
 * a centered difference (∝ u/ε) against its truncation (∝ ε²).
 *
 * @param relative whether {@code value} is a factor of the parameter's scale (or an absolute ε)
 * @param value ε, or the factor
 */
public record StepSize(boolean relative, double value) {

    /**
     * A step size.
     *
     * @param relative whether {@code value} is a factor of the parameter's scale
     * @param value ε, or the factor; positive and finite
     * @throws IllegalArgumentException if {@code value} is not positive and finite
     */
    public StepSize {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException((relative ? "relative step" : "epsilon")
                    + " must be a positive finite number, was " + value);
        }
    }

    /**
     * The same ε for every element, as in the course.
     *
     * @param epsilon ε, e.g. the course's {@code 1e-7}
     * @return the step size
     */
    public static StepSize fixed(double epsilon) {
        return new StepSize(false, epsilon);
    }

    /**
     * εᵢ = factor · max(|θᵢ|, 1).
     *
     * @param factor the factor, e.g. ∛u
     * @return the step size
     */
    public static StepSize relative(double factor) {
        return new StepSize(true, factor);
    }

    /**
     * Whether {@code other} is the same kind of step with the same value, as a record compares
     * ({@link Double#compare}). Written out, as is {@link #hashCode()}, because a record's generated
     * ones are bootstrapped on first use, and every checker compares its step once: in a fresh JVM
     * that bootstrap loaded some 60 classes for the first check.
     *
     * @param other any object
     * @return whether it is an equal step size
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof StepSize that && relative == that.relative && Double.compare(value, that.value) == 0;
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return 31 * Boolean.hashCode(relative) + Double.hashCode(value);
    }

    /**
     * The step as a person reads it.
     *
     * @return {@code ε = 1e-7} or {@code εᵢ = 4.81e-6 · max(|θᵢ|, 1)}
     */
    public String describe() {
        return relative ? "εᵢ = " + Numbers.rounded(value) + " · max(|θᵢ|, 1)"
                : "ε = " + Numbers.setting(value);
    }
}
