package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterBlock;
import java.util.List;

/**
 * Where loss evaluations happen: one model's live parameter arrays and the counted calls into it.
 * A check has one per thread; each perturbs only its own arrays.
 */
record Workspace(ParameterArrays parameters, ModelCalls calls) {

    private static final ParameterAccess ACCESS = ParameterAccess.get();

    /**
     * The loss with element k of block b moved from {@code value} by {@code h}, and the step actually
     * taken. The element is read back before it is restored: a loss() that wrote it (clipped it to a
     * bound, decayed it) was not evaluated where the quotient assumes, and is refused.
     */
    Side side(int b, ParameterBlock block, int k, double value, double h, String label) {
        double moved = value + h;
        try {
            ACCESS.set(parameters, b, k, moved);
            double loss = calls.loss(block, k, moved, label, Math.abs(h));
            double after = ACCESS.get(parameters, b, k);
            if (Double.doubleToRawLongBits(after) != Double.doubleToRawLongBits(moved)) {
                throw calls.changedParameter("loss", parameters.layout(), block.offset() + k, moved, after,
                        ModelCalls.where(block, k, label, Math.abs(h)));
            }
            return new Side(loss, moved - value);
        } finally {
            ACCESS.set(parameters, b, k, value);
        }
    }

    /**
     * The loss at θ + t·direction over flat indices {@code [from, to)} (from the original values),
     * called {@code where}; every element written is read back after it, as in {@link #side}. The
     * caller restores θ.
     */
    double loss(double[] original, double[] direction, double t, int from, int to, String where) {
        move(original, direction, t, from, to);
        double loss = calls.loss(where);
        List<ParameterBlock> blocks = parameters.layout().blocks();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            for (int i = Math.max(from, block.offset()); i < Math.min(to, block.offset() + block.size()); i++) {
                double written = original[i] + t * direction[i];
                double after = ACCESS.get(parameters, b, i - block.offset());
                if (Double.doubleToRawLongBits(after) != Double.doubleToRawLongBits(written)) {
                    throw calls.changedParameter("loss", parameters.layout(), i, written, after, where);
                }
            }
        }
        return loss;
    }

    /**
     * θ + t·direction over flat indices {@code [from, to)}, from the original values; for a
     * gradient evaluated off θ (a loss there goes through {@link #loss}, which reads back).
     */
    void move(double[] original, double[] direction, double t, int from, int to) {
        List<ParameterBlock> blocks = parameters.layout().blocks();
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock block = blocks.get(b);
            int first = Math.max(from, block.offset());
            int last = Math.min(to, block.offset() + block.size());
            for (int i = first; i < last; i++) {
                ACCESS.set(parameters, b, i - block.offset(), original[i] + t * direction[i]);
            }
        }
    }

    /** A loss a step away, and the step. */
    record Side(double loss, double step) {
    }
}
