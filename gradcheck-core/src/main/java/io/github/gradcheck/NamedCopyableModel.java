package io.github.gradcheck;

/**
 * A {@link CopyableModel} under another name in reports. It stays copyable, so that renaming a
 * model (as {@link ModelStates} does for every state) does not take it off the other threads.
 */
record NamedCopyableModel(CopyableModel model, String name) implements ForwardingModel, CopyableModel {

    /** Rejects a blank name, as for any model. */
    NamedCopyableModel {
        NamedModel.requireName(name);
    }

    /**
     * The model's own copy under the same name. A null or the model itself is passed on as such,
     * for the check to refuse with its own message.
     */
    @Override
    public DifferentiableModel copy() {
        DifferentiableModel copy = model.copy();
        return copy == null || copy == model ? copy : copy.named(name);
    }
}
