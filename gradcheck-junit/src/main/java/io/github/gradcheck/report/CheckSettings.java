package io.github.gradcheck.report;

/**
 * The settings a check ran with, kept in the report so that a failure can be read and replayed.
 *
 * @param epsilon the step ε of the centered difference (J(θ + εeᵢ) − J(θ − εeᵢ)) / 2ε
 * @param threshold the largest overall difference that passes
 * @param relativeErrorFloor below this value of |analytic| + |numeric|, an element's relative
 *     error is measured against the floor instead, so that round-off on a zero gradient does not
 *     read as a 100% error
 * @param offenders how many of the worst elements the report keeps
 */
public record CheckSettings(double epsilon, double threshold, double relativeErrorFloor, int offenders) {

    public CheckSettings {
        requirePositive("epsilon", epsilon);
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
