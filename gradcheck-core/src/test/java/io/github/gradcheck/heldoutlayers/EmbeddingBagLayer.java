package io.github.gradcheck.heldoutlayers;

import io.github.gradcheck.LayerInputs;
import io.github.gradcheck.ParameterArrays;
import java.util.SplittableRandom;

/**
 * An embedding bag with per-sample weights: a table E (5×3), a constant integer index input
 * ({@code ids}, 2 bags of 3, index 1 twice in bag 0 and index 3 in both bags) and a
 * differentiable weight input w (2×3): y[b, :] = Σₖ w[b, k] E[ids[b][k], :].
 */
final class EmbeddingBagLayer implements HeldOutLayer {

    /** The backward passes a person might write instead. */
    enum Bug {
        /** dE[id] assigned instead of accumulated: a repeated index keeps only its last contribution. */
        DE_ASSIGNED_NOT_ACCUMULATED,
        /** dE[id] += dy, the sample's weight forgotten. */
        DE_WITHOUT_WEIGHT,
        /** dw[b, k] = Σ dy[b, :], the embedding row forgotten. */
        DW_WITHOUT_EMBEDDING,
        /** dw[b, k] read from E[k], the bag position, instead of E[ids[b][k]]. */
        DW_ROW_BY_POSITION_NOT_INDEX
    }

    static final int VOCABULARY = 5;
    static final int DIM = 3;
    static final int BAGS = 2;
    static final int PER_BAG = 3;

    final double[][] table;
    final double[][] w;
    final int[][] ids = {{1, 3, 1}, {4, 0, 3}};
    private final Bug bug;

    EmbeddingBagLayer(long seed, Variant variant, Bug bug) {
        SplittableRandom random = new SplittableRandom(seed);
        table = Draws.uniform(random, VOCABULARY, DIM, -1, 1);
        w = Draws.uniform(random, BAGS, PER_BAG, 0.1, 1.5);
        this.bug = bug;
    }

    @Override
    public String name() {
        return "EmbeddingBag" + (bug == null ? "" : "[" + bug + "]");
    }

    @Override
    public LayerInputs inputs() {
        return LayerInputs.builder().add("w", w).constant("ids", ids).build();
    }

    @Override
    public ParameterArrays parameters() {
        return ParameterArrays.builder().add("E", table).build();
    }

    @Override
    public double[] forward(LayerInputs inputs) {
        double[][] weights = inputs.matrix("w");
        int[][] index = inputs.constant("ids", int[][].class);
        double[] y = new double[BAGS * DIM];
        for (int b = 0; b < BAGS; b++) {
            for (int k = 0; k < PER_BAG; k++) {
                for (int d = 0; d < DIM; d++) {
                    y[b * DIM + d] += weights[b][k] * table[index[b][k]][d];
                }
            }
        }
        return y;
    }

    @Override
    public ParameterArrays backward(LayerInputs inputs, double[] dy) {
        double[][] weights = inputs.matrix("w");
        int[][] index = inputs.constant("ids", int[][].class);
        double[][] dw = new double[BAGS][PER_BAG];
        double[][] dtable = new double[VOCABULARY][DIM];
        for (int b = 0; b < BAGS; b++) {
            for (int k = 0; k < PER_BAG; k++) {
                int row = bug == Bug.DW_ROW_BY_POSITION_NOT_INDEX ? k : index[b][k];
                for (int d = 0; d < DIM; d++) {
                    double g = dy[b * DIM + d];
                    dw[b][k] += bug == Bug.DW_WITHOUT_EMBEDDING ? g : g * table[row][d];
                    double contribution = bug == Bug.DE_WITHOUT_WEIGHT ? g : weights[b][k] * g;
                    if (bug == Bug.DE_ASSIGNED_NOT_ACCUMULATED) {
                        dtable[index[b][k]][d] = contribution;
                    } else {
                        dtable[index[b][k]][d] += contribution;
                    }
                }
            }
        }
        return ParameterArrays.builder().add("w", dw).add("E", dtable).build();
    }
}
