package io.github.gradcheck.report;

import java.util.Objects;

/**
 * One wrong element of a layer's Jacobian, ∂y[output]/∂(element): the backward pass's value
 * against the forward pass's difference quotient. Made by the checker: the constructor is not
 * public.
 */
public final class JacobianEntry {

    private final int output;
    private final Offender element;

    JacobianEntry(int output, Offender element) {
        this.output = output;
        this.element = Objects.requireNonNull(element, "element");
    }

    /**
     * The output's flat index i in y.
     *
     * @return i
     */
    public int output() {
        return output;
    }

    /**
     * The input or parameter element j, with the backward pass's ∂y[i]/∂j as its gradient and the
     * difference quotient as its numeric gradient.
     *
     * @return the element
     */
    public Offender element() {
        return element;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JacobianEntry that && output == that.output && element.equals(that.element);
    }

    @Override
    public int hashCode() {
        return Objects.hash(output, element);
    }

    @Override
    public String toString() {
        return "JacobianEntry[output=" + output + ", element=" + element + "]";
    }
}
