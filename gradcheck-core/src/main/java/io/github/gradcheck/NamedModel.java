package io.github.gradcheck;

/** A model under another name in reports; everything else is the model's own. */
record NamedModel(DifferentiableModel model, String name) implements DifferentiableModel {

    @Override
    public ParameterArrays parameters() {
        return model.parameters();
    }

    @Override
    public double loss() {
        return model.loss();
    }

    @Override
    public ParameterArrays gradient() {
        return model.gradient();
    }

    @Override
    public int batchSize() {
        return model.batchSize();
    }
}
