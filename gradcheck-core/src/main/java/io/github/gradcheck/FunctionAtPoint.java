package io.github.gradcheck;

import java.util.Objects;

/** A {@link DifferentiableFunction} bound to a private copy of one point θ. */
final class FunctionAtPoint implements CopyableModel {

    private final DifferentiableFunction function;
    private final ParameterLayout layout;
    private final double[] point;

    FunctionAtPoint(DifferentiableFunction function, double[] parameters) {
        this.function = Objects.requireNonNull(function, "function");
        this.layout = Objects.requireNonNull(function.layout(), () -> function.name() + ".layout() returned null");
        Objects.requireNonNull(parameters, "parameters");
        if (parameters.length != layout.size()) {
            throw new IllegalArgumentException(function.name() + " has " + layout.size() + " parameters (" + layout
                    + ") but the point has " + parameters.length + " values");
        }
        this.point = parameters.clone();
    }

    /**
     * The function's {@link DifferentiableFunction#copy() copy} (by default the function itself,
     * shared) at a copy of the point; null, for the check to refuse by name, if the function's
     * copy is null.
     */
    @Override
    public DifferentiableModel copy() {
        DifferentiableFunction copy = function.copy();
        return copy == null ? null : new FunctionAtPoint(copy, point);
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.over(layout, point);
    }

    @Override
    public double loss() {
        return function.loss(point);
    }

    @Override
    public ParameterArrays gradient() {
        return blocks(function, "gradient(θ)", layout, function.gradient(point));
    }

    /**
     * {@code values}, which {@code call} of {@code function} returned, in {@code layout}'s blocks;
     * null stays null (for the check to refuse by name), a wrong length is refused here.
     */
    static ParameterArrays blocks(DifferentiableFunction function, String call, ParameterLayout layout, double[] values) {
        if (values == null) {
            return null;
        }
        if (values.length != layout.size()) {
            throw new GradientCheckException(function.name() + "." + call + " returned " + values.length
                    + " values but θ has " + layout.size() + " (" + layout + ")");
        }
        return ParameterArrays.over(layout, values);
    }

    @Override
    public String name() {
        return function.name();
    }

    @Override
    public int batchSize() {
        return function.batchSize();
    }
}
