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

    /** The loss with element k of block b moved from {@code value} by {@code h}, and the step actually taken. */
    Side side(int b, ParameterBlock block, int k, double value, double h, String label) {
        double moved = value + h;
        try {
            ACCESS.set(parameters, b, k, moved);
            return new Side(calls.loss(block, k, label, Math.abs(h)), moved - value);
        } finally {
            ACCESS.set(parameters, b, k, value);
        }
    }

    /** θ + t·direction over flat indices {@code [from, to)}, from the original values. */
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
