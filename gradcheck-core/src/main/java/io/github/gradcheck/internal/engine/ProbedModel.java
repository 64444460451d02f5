package io.github.gradcheck.internal.engine;

/**
 * A model made by the check itself from a layer and one probe dy: it is told which element the
 * check moved, and to what, when its loss is asked for, so that a layer's probes share one forward
 * call per element side (a column of the Jacobian) instead of making one each; and its gradient
 * is the layer's backward pass, named as such in errors.
 */
interface ProbedModel {

    /**
     * J with flat element {@code index} moved to {@code moved} (already written into the arrays)
     * and every other element at its original value.
     *
     * @param index the flat index of θ that is moved
     * @param moved its value now
     * @return J there
     */
    double loss(int index, double moved);

    /**
     * The call that gives the gradient, for errors, e.g. {@code Conv.backward(inputs, dy)}.
     *
     * @return the call
     */
    String gradientCall();

    /**
     * The call that gives the loss, for errors, e.g. {@code Conv.forward(inputs)}.
     *
     * @return the call
     */
    String lossCall();
}
