package io.github.gradcheck;

/**
 * A model that can hand out independent copies of itself, so that elements can be checked on
 * several threads at once (see {@link GradientChecker#withThreads}). A
 * {@link DifferentiableFunction} needs none of this: its point is copied for it, and a function
 * that cannot be shared between threads says so with {@link DifferentiableFunction#copy()}.
 *
 * <p>A model whose parameters live in an {@link ElementStorage} copies that storage too (a new
 * buffer, a new array): a copy that writes into the same buffer is no copy, and the check refuses
 * it where it can tell (the same array, buffer or storage object).
 */
public interface CopyableModel extends DifferentiableModel {

    /**
     * A copy at the same parameters, bit for bit, that shares no mutable state with this model:
     * its own parameter arrays and its own scratch buffers.
     *
     * @return the copy, which the check perturbs on another thread while it perturbs this model
     */
    DifferentiableModel copy();

    /**
     * This model under another name in reports, as {@link DifferentiableModel#named}, and still
     * copyable, so that it is checked on as many threads as before; its copies carry the name too.
     *
     * @param name the name reports use instead of {@link #name()}
     * @return this model under that name
     * @throws IllegalArgumentException if the name is blank
     */
    @Override
    default CopyableModel named(String name) {
        return new NamedCopyableModel(this, name);
    }
}
