package io.github.gradcheck.internal.text;

import io.github.gradcheck.report.BlockSummary;
import java.util.List;

/**
 * The label of one element of a block, as every report writes it: {@code W2[1,3]}, one index per
 * dimension, row-major; a scalar's label is its name. Writers that show elements beyond the
 * ranked offenders (heatmaps, diff texts) use it, so that a name reads the same everywhere.
 */
public final class ElementLabel {

    private ElementLabel() {
    }

    /**
     * The label of the element at row-major position {@code k} of {@code block}.
     *
     * @param block a block of a report
     * @param k the element's position in the block, from 0 to {@code block.size() - 1}
     * @return e.g. {@code W2[1,3]}
     */
    public static String of(BlockSummary block, int k) {
        List<Integer> shape = block.shape();
        if (shape.isEmpty()) {
            return block.name();
        }
        int[] position = new int[shape.size()];
        int rest = k;
        for (int d = shape.size() - 1; d >= 0; d--) {
            position[d] = rest % shape.get(d);
            rest /= shape.get(d);
        }
        StringBuilder label = new StringBuilder(block.name()).append('[');
        for (int d = 0; d < position.length; d++) {
            label.append(d == 0 ? "" : ",").append(position[d]);
        }
        return label.append(']').toString();
    }
}
