package io.github.gradcheck.report;

import java.util.Objects;

/**
 * A contract of a backward pass that a layer broke, at the element where it was broken worst.
 * Made by the checker: the constructor is not public.
 */
public final class BrokenContract {

    /** The contracts a layer check verifies and reports (others end the check with an exception). */
    public enum Kind {
        /**
         * backward(a·dy₁ + b·dy₂) = a·backward(dy₁) + b·backward(dy₂) within round-off: the
         * gradient of a layer is a linear function of the upstream gradient. A term that does not
         * scale with dy (a regularisation gradient, a constant) or one that depends on dy
         * non-linearly breaks it.
         */
        LINEAR_IN_DY
    }

    private final Kind kind;
    private final String element;
    private final double expected;
    private final double actual;
    private final double a;
    private final double b;

    BrokenContract(Kind kind, String element, double expected, double actual, double a, double b) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.element = Objects.requireNonNull(element, "element");
        this.expected = expected;
        this.actual = actual;
        this.a = a;
        this.b = b;
    }

    /**
     * Which contract.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The element where it was broken worst, e.g. {@code x[2]}.
     *
     * @return the label
     */
    public String element() {
        return element;
    }

    /**
     * What the contract says the value should be there: a·backward(dy₁) + b·backward(dy₂).
     *
     * @return the expected value
     */
    public double expected() {
        return expected;
    }

    /**
     * What the layer gave: backward(a·dy₁ + b·dy₂).
     *
     * @return the value
     */
    public double actual() {
        return actual;
    }

    /**
     * The coefficient a of dy₁.
     *
     * @return a
     */
    public double a() {
        return a;
    }

    /**
     * The coefficient b of dy₂.
     *
     * @return b
     */
    public double b() {
        return b;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BrokenContract that && kind == that.kind && element.equals(that.element)
                && Double.compare(expected, that.expected) == 0 && Double.compare(actual, that.actual) == 0
                && Double.compare(a, that.a) == 0 && Double.compare(b, that.b) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, element, expected, actual, a, b);
    }

    @Override
    public String toString() {
        return "BrokenContract[kind=" + kind + ", element=" + element + ", expected=" + expected + ", actual=" + actual
                + ", a=" + a + ", b=" + b + "]";
    }
}
