package io.github.gradcheck;

/**
 * A {@link TwiceDifferentiableFunction} at a point: a {@link FunctionAtPoint} for the loss and
 * the gradient, and the function's Hessian-vector product at that model's live point.
 */
final class TwiceFunctionAtPoint implements TwiceDifferentiableModel, CopyableModel {

    private final TwiceDifferentiableFunction function;
    private final FunctionAtPoint point;
    private final ParameterArrays parameters;

    TwiceFunctionAtPoint(TwiceDifferentiableFunction function, double[] parameters) {
        this.function = function;
        this.point = new FunctionAtPoint(function, parameters);
        this.parameters = point.parameters();
    }

    /**
     * A worker's copy for the gradient's check: the function's own {@link DifferentiableFunction#copy()
     * copy} at a copy of the point, so that a function with scratch buffers is never shared between threads.
     */
    @Override
    public DifferentiableModel copy() {
        return point.copy();
    }

    @Override
    public ParameterArrays parameters() {
        return parameters;
    }

    @Override
    public double loss() {
        return point.loss();
    }

    @Override
    public ParameterArrays gradient() {
        return point.gradient();
    }

    @Override
    public ParameterArrays hessianVectorProduct(ParameterVector v) {
        return FunctionAtPoint.blocks(function, "hessianVectorProduct(θ, v)", parameters.layout(),
                function.hessianVectorProduct(parameters.toVector(), v.toVector()));
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
