package io.github.gradcheck.report;

import java.util.List;
import java.util.Locale;

/**
 * A second opinion on one block that needs no ε: along a seeded random direction d within the
 * block, the remainder r(h) = |J(θ + hd) − J(θ) − h⟨g, d⟩| falls as h² when the gradient g is
 * right and as h when it is wrong, whatever the step.
 *
 * @param steps the steps h, largest first
 * @param remainders r(h) for each step
 * @param order the observed order, the slope of log r against log h over the remainders above
 *     the loss's noise; NaN when fewer than two are (the loss is flat along d: consistent)
 */
public record TaylorTest(List<Double> steps, List<Double> remainders, double order) {

    /**
     * A Taylor test's result; copies the lists.
     *
     * @param steps the steps h, largest first
     * @param remainders r(h) for each step
     * @param order the observed order, or NaN
     */
    public TaylorTest {
        steps = List.copyOf(steps);
        remainders = List.copyOf(remainders);
    }

    /**
     * Whether the test agrees with a right gradient.
     *
     * @return order ≥ 1.8 (the gradient is right along d), or the remainder is at noise level
     */
    public boolean consistent() {
        return Double.isNaN(order) || order >= 1.8;
    }

    /**
     * Whether the test says the gradient is wrong.
     *
     * @return order ≤ 1.2: the gradient is wrong along d
     */
    public boolean contradicts() {
        return order <= 1.2;
    }

    /**
     * The result in words, for the block table.
     *
     * @return e.g. {@code 2.0}, or {@code flat}
     */
    public String describe() {
        return Double.isNaN(order) ? "flat" : String.format(Locale.ROOT, "%.1f", order);
    }
}
