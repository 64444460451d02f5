package io.github.gradcheck.internal.engine;

import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Lines up the arrays a model returns as its gradient with its parameter blocks, by name. */
final class GradientLayout {

    private GradientLayout() {
    }

    /**
     * The gradient in θ's order.
     *
     * @throws GradientCheckException naming the block, if a block is missing, extra, or of a
     *     different shape (dimensions of size 1 aside: a 5×1 gradient fits a 5-vector)
     */
    static double[] flatten(String call, ParameterLayout parameters, ParameterArrays gradient) {
        ParameterLayout layout = gradient.layout();
        double[] values = gradient.toVector();
        if (layout == parameters || layout.equals(parameters)) {
            return values;
        }
        double[] flat = new double[parameters.size()];
        List<String> extra = new ArrayList<>(layout.names());
        for (ParameterBlock parameter : parameters.blocks()) {
            ParameterBlock block = find(layout, parameter.name());
            if (block == null) {
                throw new GradientCheckException(call + " has no block '" + parameter.name()
                        + "'; it must return one array per parameter block, named as in parameters(): " + parameters.names());
            }
            extra.remove(block.name());
            if (!Arrays.equals(squeezed(block.shape()), squeezed(parameter.shape()))) {
                throw new GradientCheckException(call + " returned block '" + block.name() + "' with shape "
                        + block.shapeText() + " but parameter " + parameter.name() + " has shape " + parameter.shapeText());
            }
            System.arraycopy(values, block.offset(), flat, parameter.offset(), parameter.size());
        }
        if (!extra.isEmpty()) {
            throw new GradientCheckException(call + " returned block(s) " + extra
                    + " that are not parameter blocks; the parameter blocks are " + parameters.names());
        }
        return flat;
    }

    private static ParameterBlock find(ParameterLayout layout, String name) {
        return layout.names().contains(name) ? layout.block(name) : null;
    }

    private static int[] squeezed(int[] shape) {
        int[] squeezed = new int[shape.length];
        int count = 0;
        for (int d : shape) {
            if (d != 1) {
                squeezed[count++] = d;
            }
        }
        return Arrays.copyOf(squeezed, count);
    }
}
