package io.github.gradcheck;

/** A model under another name in reports; everything else is the model's own. */
record NamedModel(DifferentiableModel model, String name) implements ForwardingModel {

    /** Rejects a blank name, which would leave a report's reader without one. */
    NamedModel {
        requireName(name);
    }

    static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a model's name must not be blank, got " + (name == null ? "null" : "'" + name + "'"));
        }
    }
}
