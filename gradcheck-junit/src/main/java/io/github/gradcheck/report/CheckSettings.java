package io.github.gradcheck.report;

import java.util.Objects;

/**
 * The settings a check ran with, kept in the report so that a failure can be read and replayed.
 *
 * @param step how far each parameter is moved
 * @param stencil the difference quotient
 * @param precision the arithmetic the loss is computed in
 * @param margin how many times its estimated numerical error an element's disagreement must
 *     exceed to count as a mismatch
 * @param threshold the least relative error |g − n| / (|g| + |n|) that can count as a mismatch,
 *     however small the estimated error; also the line for the per-block difference verdict
 * @param relativeErrorFloor below this value of |analytic| + |numeric|, an element's relative
 *     error is measured against the floor instead, so that round-off on a zero gradient does not
 *     read as a 100% error
 * @param offenders how many of the worst elements the report keeps
 * @param seed the seed of the random directions (noise estimate, Taylor test)
 */
public record CheckSettings(StepSize step, Stencil stencil, Precision precision, double margin, double threshold,
                            double relativeErrorFloor, int offenders, long seed) {

    public CheckSettings {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(stencil, "stencil");
        Objects.requireNonNull(precision, "precision");
        requirePositive("margin", margin);
        requirePositive("threshold", threshold);
        requirePositive("relativeErrorFloor", relativeErrorFloor);
        if (offenders < 0) {
            throw new IllegalArgumentException("offenders must be 0 or more, was " + offenders);
        }
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, was " + value);
        }
    }
}
