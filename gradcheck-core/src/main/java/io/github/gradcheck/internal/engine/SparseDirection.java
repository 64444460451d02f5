package io.github.gradcheck.internal.engine;

import io.github.gradcheck.ParameterBlock;
import io.github.gradcheck.ParameterLayout;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A direction over a few flat indices (0 at every other): what the partial modes move θ along for the
 * noise estimate and the Taylor tests of large blocks ({@link BoundedCoordinates}), so that a move
 * costs as many writes as it has components, not one per parameter.
 *
 * @param indices the flat indices, ascending
 * @param blocks the index in the layout of each index's block
 * @param components the component at each index
 */
record SparseDirection(int[] indices, int[] blocks, double[] components) {

    /** The direction with {@code components} at {@code indices} (ascending) of {@code layout}. */
    static SparseDirection of(ParameterLayout layout, int[] indices, double[] components) {
        List<ParameterBlock> all = layout.blocks();
        int[] blocks = new int[indices.length];
        int b = 0;
        for (int m = 0; m < indices.length; m++) {
            while (indices[m] >= all.get(b).offset() + all.get(b).size()) {
                b++;
            }
            blocks[m] = b;
        }
        return new SparseDirection(indices, blocks, components);
    }

    /**
     * The weighted direction ({@link Directions#weighted}) at {@code indices}: two draws of
     * {@code random} per index, in index order, times max(|θᵢ|, 1) of {@code scaleOf} (1 where null).
     */
    static SparseDirection weighted(ParameterLayout layout, int[] indices, SplittableRandom random, double[] scaleOf) {
        double[] components = new double[indices.length];
        for (int m = 0; m < indices.length; m++) {
            double sign = random.nextBoolean() ? 1 : -1;
            components[m] = sign * (0.5 + random.nextDouble()) * (scaleOf == null ? 1 : Directions.scale(scaleOf, indices[m]));
        }
        return of(layout, indices, components);
    }

    /** ⟨g, d⟩, summed in index order. */
    double along(double[] gradient) {
        double sum = 0;
        for (int m = 0; m < indices.length; m++) {
            sum += gradient[indices[m]] * components[m];
        }
        return sum;
    }
}
