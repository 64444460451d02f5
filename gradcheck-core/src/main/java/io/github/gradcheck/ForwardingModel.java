package io.github.gradcheck;

/**
 * A model that hands every call to another: the one place the wrappers that rename a model
 * ({@link NamedModel}, {@link NamedCopyableModel}) pass parameters, loss, gradient and batch size
 * on, so that a method added to {@link DifferentiableModel} is forwarded by both or by neither.
 */
interface ForwardingModel extends DifferentiableModel {

    /**
     * The model the calls go to.
     *
     * @return the wrapped model
     */
    DifferentiableModel model();

    @Override
    default ParameterArrays parameters() {
        return model().parameters();
    }

    @Override
    default double loss() {
        return model().loss();
    }

    @Override
    default ParameterArrays gradient() {
        return model().gradient();
    }

    @Override
    default int batchSize() {
        return model().batchSize();
    }
}
