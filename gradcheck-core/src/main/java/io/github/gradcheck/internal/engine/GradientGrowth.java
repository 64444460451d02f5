package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A gradient that grows by the same increment on every call at the same parameters: what a
 * gradient() returns that adds into a buffer it never zeroes (from a zeroed start, the second call
 * returns 2 × the first and the third 3 ×). The evidence is three calls: third − second equals
 * second − first in every element, within the nondeterminism tolerance, and the blocks that change
 * grow. Random gradients (dropout) do not change by one increment twice.
 *
 * @param factor ‖second‖ / ‖first‖ over the blocks that grow: 2 for an unzeroed buffer
 * @param where "" where every block grows, else ", in " and the blocks that do
 */
record GradientGrowth(double factor, String where) {

    /** The growth of three gradients at the same parameters, or null where they do not grow by one increment. */
    static GradientGrowth of(ParameterLayout layout, double[] first, double[] second, double[] third, double tolerance) {
        double scale = 0;
        for (int i = 0; i < first.length; i++) {
            scale = Math.max(scale, Math.max(Math.abs(first[i]), Math.max(Math.abs(second[i]), Math.abs(third[i]))));
        }
        double allowed = tolerance * scale;
        List<String> growing = new ArrayList<>();
        double firstNorm = 0;
        double secondNorm = 0;
        for (ParameterBlock block : layout.blocks()) {
            boolean grows = false;
            double firstSquares = 0;
            double secondSquares = 0;
            for (int i = block.offset(); i < block.offset() + block.size(); i++) {
                if (Math.abs(third[i] - second[i] - (second[i] - first[i])) > allowed) {
                    return null;
                }
                grows |= Math.abs(second[i] - first[i]) > allowed;
                firstSquares += first[i] * first[i];
                secondSquares += second[i] * second[i];
            }
            if (grows) {
                growing.add(block.name());
                firstNorm += firstSquares;
                secondNorm += secondSquares;
            }
        }
        double factor = Math.sqrt(secondNorm / firstNorm);
        if (growing.isEmpty() || firstNorm == 0 || !(factor > 1)) {
            return null;
        }
        return new GradientGrowth(factor, growing.size() == layout.blocks().size() ? "" : ", in " + String.join(", ", growing));
    }
}
