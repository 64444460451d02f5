package io.github.gradcheck.report;

import io.github.gradcheck.internal.format.Numbers;
import java.util.List;
import java.util.Objects;

/**
 * A second opinion on one block that needs no ε: along a seeded random direction d within the
 * block, the remainder r(h) = |J(θ + hd) − J(θ) − h⟨g, d⟩| falls as h² when the gradient g is
 * right and as h when it is wrong, whatever the step.
 *
 * <p>A full check whose elements all match with the least noise the loss can have runs none (see
 * {@link GradientCheckReport#noiseEstimated()}): its result then has no steps ({@link #ran()}).
 *
 * <p>Made by the checker, read by users: the constructor is not public. Two results are equal when
 * their steps, remainders and orders are.
 */
public final class TaylorTest {

    private final List<Double> steps;
    private final List<Double> remainders;
    private final double order;

    /** A Taylor test's result; copies the lists. */
    TaylorTest(List<Double> steps, List<Double> remainders, double order) {
        this.steps = List.copyOf(steps);
        this.remainders = List.copyOf(remainders);
        this.order = order;
    }

    /**
     * Whether the test was run. A full check does not run it where every element matched with the
     * least noise the loss can have: each element's own central difference is a stronger test than a
     * remainder along a random direction, whose steps are far too large to resolve an error below the
     * elements' tolerance.
     *
     * @return false for a test not run, which has no steps, no remainders and order NaN, and neither
     *     contradicts nor questions a gradient
     */
    public boolean ran() {
        return !steps.isEmpty();
    }

    /**
     * The steps h, largest first.
     *
     * @return the steps, none where the test was not run
     */
    public List<Double> steps() {
        return steps;
    }

    /**
     * r(h) for each step.
     *
     * @return the remainders
     */
    public List<Double> remainders() {
        return remainders;
    }

    /**
     * The observed order, the slope of log r against log h over the remainders above the loss's
     * noise.
     *
     * @return the order; NaN when fewer than two remainders are above the noise: the loss is so
     *     nearly linear along d that its first-order Taylor model is exact to within the noise, which a
     *     right gradient explains and a wrong one, with its remainder of order h, would not
     */
    public double order() {
        return order;
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
     * The result in words, for the block table's "Taylor order" column: the order with one decimal
     * (2.0 right, 1.0 wrong), or {@code within noise} where fewer than two remainders rose above the
     * loss's noise, so that no order can be measured; that agrees with a right gradient. A test not
     * run ({@link #ran()}) reads {@code not run}.
     *
     * @return e.g. {@code 2.0}, {@code within noise}, or {@code not run}
     */
    public String describe() {
        if (!ran()) {
            return "not run";
        }
        return Double.isNaN(order) ? "within noise" : Numbers.fixed(order, 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TaylorTest that && steps.equals(that.steps) && remainders.equals(that.remainders)
                && Double.compare(order, that.order) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(steps, remainders, order);
    }

    /** The fields by name, e.g. {@code TaylorTest[steps=[0.01], remainders=[1.0E-6], order=2.0]}. */
    @Override
    public String toString() {
        return "TaylorTest[steps=" + steps + ", remainders=" + remainders + ", order=" + order + "]";
    }
}
