package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A gradient that grows by the same increment on every call at the same parameters: what a
 * gradient() returns that adds into a buffer it never zeroes (from a zeroed start, the second call
 * returns 2 × the first and the third 3 ×). The evidence is three calls: third − second equals
 * second − first in every element, within the nondeterminism tolerance, and some block changes.
 * That alone decides: a buffer that held a residue before the check (of the opposite sign, say)
 * grows by one increment too, while its norm may shrink. Random gradients (dropout) do not change
 * by one increment twice.
 *
 * @param factor ‖second‖ / ‖first‖ over the blocks that grow: 2 for a buffer zeroed once, before
 *     the first call; NaN where that ratio is not over 1 and says nothing
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
        if (growing.isEmpty()) {
            return null;
        }
        double factor = Math.sqrt(secondNorm / firstNorm);
        String where = growing.size() == layout.blocks().size() ? "" : ", in " + String.join(", ", growing);
        return new GradientGrowth(factor > 1 && Double.isFinite(factor) ? factor : Double.NaN, where);
    }
}
