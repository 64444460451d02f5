package io.github.gradcheck.examples;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ParameterLayout;

/**
 * The assignment's one-dimensional check: J(θ) = θx, whose derivative is x. Written as a
 * {@link DifferentiableFunction}, the shape for a loss that is a pure function of θ.
 */
public final class OneDimensionalLinear implements DifferentiableFunction {

    private static final ParameterLayout LAYOUT = ParameterLayout.scalar("theta");

    private final double x;

    public OneDimensionalLinear(double x) {
        this.x = x;
    }

    /** x = 2 at θ = 4, the assignment's case. */
    public static DifferentiableModel assignmentTestCase() {
        return new OneDimensionalLinear(2).at(4);
    }

    @Override
    public ParameterLayout layout() {
        return LAYOUT;
    }

    @Override
    public double loss(double[] theta) {
        return theta[0] * x;
    }

    @Override
    public double[] gradient(double[] theta) {
        return new double[] {x};
    }

    @Override
    public String name() {
        return "J(θ) = θx";
    }
}
