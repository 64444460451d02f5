package io.github.gradcheck;

import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.GradientCheckReport;
import java.util.Objects;

/**
 * Compares a model's analytic gradient with a centered-difference one, element by element, and
 * returns a {@link GradientCheckReport}. Immutable and thread-safe; each {@code with…} returns a
 * new checker.
 *
 * <pre>{@code
 * GradientCheckReport report = GradientChecker.defaults().withThreshold(1e-5).check(model);
 * GradCheckAssertions.assertThat(report).passes();
 * }</pre>
 *
 * <h2>Defaults and why</h2>
 * <ul>
 *   <li><b>epsilon {@value #DEFAULT_EPSILON}</b>, the course's step. The centered difference's
 *       truncation error shrinks as ε² and its round-off grows as u·|J|/ε (u ≈ 1.1e-16 for
 *       double), so for a loss of order 1, ε near 1e-5…1e-7 keeps both far below the thresholds
 *       below.</li>
 *   <li><b>threshold {@value #DEFAULT_THRESHOLD}</b> on the seed's difference
 *       ‖grad − gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂). The course calls ≈ 1e-7 great and
 *       ≈ 1e-5 a reason to look closer; 1e-6 is halfway between on a log scale. Round-off alone
 *       already takes the seed's correct three-layer network to 1.19e-7 (above the course's
 *       "great" mark; the assignment itself uses 2e-7, a margin of 1.7×), so 1e-6 leaves an
 *       8× margin over that noise, while its buggy network scores 0.285, 10⁵ × over. A loss with
 *       more round-off (large sums, float32 inside) may need a looser threshold.</li>
 *   <li><b>relative error floor {@value #DEFAULT_RELATIVE_ERROR_FLOOR}</b>: an element's relative
 *       error |g − n| / max(|g| + |n|, floor). A centered difference at ε = 1e-7 on a loss of order
 *       1 cannot resolve derivatives much below 1e-9 (its round-off), so below 1e-8 the error is
 *       measured against the floor and a zero gradient with round-off does not read as 100%.</li>
 *   <li><b>offenders {@value #DEFAULT_OFFENDERS}</b>: how many of the worst elements the report
 *       keeps and messages show.</li>
 * </ul>
 */
public final class GradientChecker {

    /** The course's step ε. */
    public static final double DEFAULT_EPSILON = 1e-7;
    /** The largest overall difference that passes; see the class documentation for why. */
    public static final double DEFAULT_THRESHOLD = 1e-6;
    /** Below this |analytic| + |numeric|, relative errors are measured against it instead. */
    public static final double DEFAULT_RELATIVE_ERROR_FLOOR = 1e-8;
    /** How many worst elements a report keeps. */
    public static final int DEFAULT_OFFENDERS = 10;

    private static final GradientChecker DEFAULTS = new GradientChecker(
            new CheckSettings(DEFAULT_EPSILON, DEFAULT_THRESHOLD, DEFAULT_RELATIVE_ERROR_FLOOR, DEFAULT_OFFENDERS));

    private final CheckSettings settings;

    private GradientChecker(CheckSettings settings) {
        this.settings = settings;
    }

    /** A checker with the documented defaults. */
    public static GradientChecker defaults() {
        return DEFAULTS;
    }

    /**
     * With step ε for (J(θ + εeᵢ) − J(θ − εeᵢ)) / 2ε.
     *
     * @throws IllegalArgumentException unless ε is positive and finite
     */
    public GradientChecker withEpsilon(double epsilon) {
        return new GradientChecker(new CheckSettings(epsilon, settings.threshold(), settings.relativeErrorFloor(), settings.offenders()));
    }

    /**
     * With the largest overall difference that passes.
     *
     * @throws IllegalArgumentException unless the threshold is positive and finite
     */
    public GradientChecker withThreshold(double threshold) {
        return new GradientChecker(new CheckSettings(settings.epsilon(), threshold, settings.relativeErrorFloor(), settings.offenders()));
    }

    /**
     * With the floor below which relative errors are measured against the floor.
     *
     * @throws IllegalArgumentException unless the floor is positive and finite
     */
    public GradientChecker withRelativeErrorFloor(double floor) {
        return new GradientChecker(new CheckSettings(settings.epsilon(), settings.threshold(), floor, settings.offenders()));
    }

    /**
     * With how many of the worst elements the report keeps.
     *
     * @throws IllegalArgumentException if {@code offenders} is negative
     */
    public GradientChecker withOffenders(int offenders) {
        return new GradientChecker(new CheckSettings(settings.epsilon(), settings.threshold(), settings.relativeErrorFloor(), offenders));
    }

    /** The settings this checker runs with. */
    public CheckSettings settings() {
        return settings;
    }

    /**
     * Checks every parameter of {@code model}. The model's arrays are perturbed in place and are,
     * when this returns or throws, bit for bit as they were.
     *
     * @return the report; a wrong gradient is a report whose verdict failed, not an exception
     * @throws GradientCheckException if the check cannot be carried out: the model throws, or
     *     returns a non-finite loss or gradient, or a gradient that does not fit its parameters
     */
    public GradientCheckReport check(DifferentiableModel model) {
        Objects.requireNonNull(model, "model");
        return CenteredDifference.run(model, settings);
    }

    /**
     * Checks {@code function} at {@code parameters}. The array is not written to.
     *
     * @throws IllegalArgumentException if the point's length does not match the layout
     */
    public GradientCheckReport check(DifferentiableFunction function, double... parameters) {
        Objects.requireNonNull(function, "function");
        return check(function.at(parameters));
    }

    @Override
    public String toString() {
        return "GradientChecker" + settings;
    }
}
