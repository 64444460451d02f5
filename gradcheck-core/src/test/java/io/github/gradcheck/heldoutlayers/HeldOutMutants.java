package io.github.gradcheck.heldoutlayers;

import static io.github.gradcheck.heldoutlayers.HeldOutMutant.Scope.BOTH;
import static io.github.gradcheck.heldoutlayers.HeldOutMutant.Scope.INPUTS_ONLY;
import static io.github.gradcheck.heldoutlayers.HeldOutMutant.Scope.PARAMETERS_ONLY;

import io.github.gradcheck.heldoutlayers.HeldOutMutant.Scope;
import java.util.ArrayList;
import java.util.List;

/** The catalogue: every bug of every held-out layer, at every variant of its layer. */
final class HeldOutMutants {

    private record Entry(LayerKind kind, Enum<?> bug, Scope scope, List<String> blocks, String singleElement) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(LayerKind.LAYER_NORM, LayerNormLayer.Bug.DX_WITHOUT_MEAN_TERM, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.LAYER_NORM, LayerNormLayer.Bug.DX_WITHOUT_VARIANCE_TERM, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.LAYER_NORM, LayerNormLayer.Bug.DX_WITHOUT_GAMMA, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.LAYER_NORM, LayerNormLayer.Bug.DX_WITH_UNBIASED_VARIANCE, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.LAYER_NORM, LayerNormLayer.Bug.DGAMMA_WITHOUT_XHAT, PARAMETERS_ONLY, List.of("gamma"), null),
            new Entry(LayerKind.LAYER_NORM, LayerNormLayer.Bug.DGAMMA_LAST_ELEMENT_SKIPPED, PARAMETERS_ONLY, List.of("gamma"),
                    "gamma[3]"),
            new Entry(LayerKind.GRU_CELL, GruCellLayer.Bug.DH_WITHOUT_DIRECT_PATH, INPUTS_ONLY, List.of("h"), null),
            new Entry(LayerKind.GRU_CELL, GruCellLayer.Bug.DH_WITHOUT_RESET_GATE, INPUTS_ONLY, List.of("h"), null),
            new Entry(LayerKind.GRU_CELL, GruCellLayer.Bug.DX_WITHOUT_RESET_PATH, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.GRU_CELL, GruCellLayer.Bug.DZ_SIGN_TURNED, BOTH, List.of("x", "h", "Wz", "Uz"), null),
            new Entry(LayerKind.GRU_CELL, GruCellLayer.Bug.DUN_WITH_H_NOT_RESET_H, PARAMETERS_ONLY, List.of("Un"), null),
            new Entry(LayerKind.GRU_CELL, GruCellLayer.Bug.RESET_SIGMOID_DERIVATIVE_AS_SIGMOID, BOTH,
                    List.of("x", "h", "Wr", "Ur"), null),
            new Entry(LayerKind.DEPTHWISE_CONV1D, DepthwiseConv1dLayer.Bug.DX_IGNORES_STRIDE, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.DEPTHWISE_CONV1D, DepthwiseConv1dLayer.Bug.DX_KERNEL_FLIPPED, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.DEPTHWISE_CONV1D, DepthwiseConv1dLayer.Bug.DX_FIRST_CHANNEL_KERNEL, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.DEPTHWISE_CONV1D, DepthwiseConv1dLayer.Bug.DX_LAST_WINDOW_SKIPPED, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.DEPTHWISE_CONV1D, DepthwiseConv1dLayer.Bug.DK_IGNORES_STRIDE, PARAMETERS_ONLY, List.of("K"), null),
            new Entry(LayerKind.DEPTHWISE_CONV1D, DepthwiseConv1dLayer.Bug.DB_AVERAGED, PARAMETERS_ONLY, List.of("b"), null),
            new Entry(LayerKind.GELU, GeluLayer.Bug.WITHOUT_PRODUCT_RULE_TERM, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.GELU, GeluLayer.Bug.INNER_DERIVATIVE_WITHOUT_CUBIC, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.GELU, GeluLayer.Bug.TANH_DERIVATIVE_NOT_SQUARED, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.EMBEDDING_BAG, EmbeddingBagLayer.Bug.DE_ASSIGNED_NOT_ACCUMULATED, PARAMETERS_ONLY, List.of("E"), null),
            new Entry(LayerKind.EMBEDDING_BAG, EmbeddingBagLayer.Bug.DE_WITHOUT_WEIGHT, PARAMETERS_ONLY, List.of("E"), null),
            new Entry(LayerKind.EMBEDDING_BAG, EmbeddingBagLayer.Bug.DW_WITHOUT_EMBEDDING, INPUTS_ONLY, List.of("w"), null),
            new Entry(LayerKind.EMBEDDING_BAG, EmbeddingBagLayer.Bug.DW_ROW_BY_POSITION_NOT_INDEX, INPUTS_ONLY, List.of("w"), null),
            new Entry(LayerKind.RESIDUAL_BLOCK, ResidualBlockLayer.Bug.DX_WITHOUT_SKIP, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.RESIDUAL_BLOCK, ResidualBlockLayer.Bug.DX_WITHOUT_RELU_MASK, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.RESIDUAL_BLOCK, ResidualBlockLayer.Bug.DW2_WITH_PREACTIVATION, PARAMETERS_ONLY, List.of("W2"), null),
            new Entry(LayerKind.RESIDUAL_BLOCK, ResidualBlockLayer.Bug.DX_SKIP_LOOP_FROM_ONE, INPUTS_ONLY, List.of("x"), "x[0,0]"),
            new Entry(LayerKind.HUBER_LOSS, HuberLossLayer.Bug.CLIPPED_AT_ONE_NOT_DELTA, INPUTS_ONLY, List.of("pred"), null),
            new Entry(LayerKind.HUBER_LOSS, HuberLossLayer.Bug.LINEAR_BRANCH_WITHOUT_SIGN, INPUTS_ONLY, List.of("pred"), null),
            new Entry(LayerKind.HUBER_LOSS, HuberLossLayer.Bug.QUADRATIC_BRANCH_HALVED, INPUTS_ONLY, List.of("pred"), null),
            new Entry(LayerKind.HUBER_LOSS, HuberLossLayer.Bug.BRANCH_TEST_WITHOUT_ABS, INPUTS_ONLY, List.of("pred"), null),
            new Entry(LayerKind.FLOAT_LAYER_NORM, FloatLayerNormLayer.Bug.DX_WITHOUT_MEAN_TERM, INPUTS_ONLY, List.of("x"), null),
            new Entry(LayerKind.FLOAT_LAYER_NORM, FloatLayerNormLayer.Bug.DGAMMA_LAST_ELEMENT_SKIPPED, PARAMETERS_ONLY,
                    List.of("gamma"), "gamma[3]"));

    private HeldOutMutants() {
    }

    /** Every bug at every variant of its layer. */
    static List<HeldOutMutant> all() {
        List<HeldOutMutant> mutants = new ArrayList<>();
        for (Entry entry : ENTRIES) {
            for (Variant variant : entry.kind().variants()) {
                mutants.add(new HeldOutMutant(entry.kind(), entry.bug(), entry.scope(), entry.blocks(), entry.singleElement(),
                        variant));
            }
        }
        return mutants;
    }
}
