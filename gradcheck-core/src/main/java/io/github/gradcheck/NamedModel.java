package io.github.gradcheck;

/** A model under another name in reports; everything else is the model's own. */
record NamedModel(DifferentiableModel model, String name) implements DifferentiableModel {

    /** Rejects a blank name, which would leave a report's reader without one. */
    NamedModel {
        requireName(name);
    }

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

    static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a model's name must not be blank, got " + (name == null ? "null" : "'" + name + "'"));
        }
    }
}
