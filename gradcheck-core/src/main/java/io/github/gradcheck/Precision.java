package io.github.gradcheck;

/**
 * The arithmetic the model computes its loss in. It sets the default relative step (∛u) and the
 * least noise the check assumes (a few u · |J|), where u is the unit round-off.
 *
 * <p>A model that keeps {@code double[]} parameters but computes in {@code float} (or rounds
 * through float anywhere) should be checked with {@link #FLOAT}: steps of about 4e-3 · |θ|
 * instead of 5e-6 · |θ|, as float's round-off would otherwise swamp the difference quotient.
 * A model whose parameters include a float block ({@code float[]}, {@code float[][]}, a float
 * {@link ElementStorage}) gets {@link #FLOAT} without asking, unless a precision was chosen.
 */
public enum Precision {

    /** IEEE double: u = 2⁻⁵³ ≈ 1.1e-16; default relative step ∛u ≈ 4.8e-6. */
    DOUBLE(0x1p-53),
    /** IEEE float: u = 2⁻²⁴ ≈ 6.0e-8; default relative step ∛u ≈ 3.9e-3. */
    FLOAT(0x1p-24);

    private final double unitRoundoff;

    Precision(double unitRoundoff) {
        this.unitRoundoff = unitRoundoff;
    }

    /**
     * u: half the distance from 1 to the next representable number, the relative error of one
     * rounding, from which the check's noise floor and default steps follow.
     *
     * @return u
     */
    public double unitRoundoff() {
        return unitRoundoff;
    }

    /**
     * ∛u, the step factor that balances round-off against truncation for a centered difference.
     *
     * @return ∛u
     */
    public double defaultRelativeStep() {
        return Math.cbrt(unitRoundoff);
    }
}
